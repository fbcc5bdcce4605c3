import { runCli } from '@grpc-greeter/cli-kit';
import { checkHealth, ProbeExit } from './check-health';
import { parseProbeFlags } from './flags';

async function main(): Promise<number> {
  const config = parseProbeFlags(process.argv.slice(2));
  if (!config) return 0;
  const outcome = await checkHealth(config);
  (outcome.exitCode === ProbeExit.SERVING ? process.stdout : process.stderr).write(
    `${outcome.message}\n`,
  );
  return outcome.exitCode;
}

runCli('grpc_health_probe', main, { usage: ProbeExit.USAGE, exitWhenDone: true });
