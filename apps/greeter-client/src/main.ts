import { performance } from 'node:perf_hooks';
import { runCli } from '@grpc-greeter/cli-kit';
import { runCalls } from './call-loop';
import { openChannel } from './channel';
import { checkExpectation } from './expectation';
import { parseClientFlags } from './flags';
import { quitIstioSidecar } from './istio-sidecar';
import { failureLine } from './failure-line';
import { jsonResult, replyLine, summaryText } from './report';
import { Tally } from './tally';

async function main(): Promise<number> {
  const config = parseClientFlags(process.argv.slice(2));
  if (!config) return 0;
  // With --json, stdout carries only the JSON document; the human lines move to stderr.
  const lines = config.json ? process.stderr : process.stdout;
  const client = await openChannel(config);
  const tally = new Tally();
  const started = performance.now();

  await runCalls(client, config, {
    onReply(reply) {
      tally.addReply(reply.hostname, reply.version, reply.latencyMs);
      if (!config.quiet) lines.write(`${replyLine(reply.message, reply.hostname)}\n`);
    },
    onFailure(code, error) {
      tally.addFailure(code);
      if (!config.quiet) process.stderr.write(`${failureLine(code, error.message, config.tls)}\n`);
    },
  });
  const info = {
    target: config.target,
    lbPolicy: config.lbPolicy,
    durationMs: performance.now() - started,
  };
  client.close();

  const expectation = config.expectation && checkExpectation(config.expectation, tally);
  if (config.json)
    process.stdout.write(`${JSON.stringify(jsonResult(tally, info, expectation))}\n`);
  else if (config.summary) process.stdout.write(summaryText(tally, info, expectation));
  if (expectation && !expectation.pass) {
    process.stderr.write(
      `greeter-client: observed split does not match --expect ${expectation.spec} (±${expectation.tolerance} pp):\n` +
        expectation.problems.map((p) => `  ${p}\n`).join(''),
    );
  }
  if (config.quitIstioSidecar) await quitIstioSidecar();
  return tally.failed > 0 || (expectation && !expectation.pass) ? 1 : 0;
}

runCli('greeter-client', main, { usage: 2, exitWhenDone: true });
