import './compile-cache';
import { performance } from 'node:perf_hooks';
import { runCli } from '@grpc-greeter/cli-kit';
import { runCalls } from './call-loop';
import { openChannel } from './channel';
import { checkExpectation, withFailedShare } from './expectation';
import { parseClientFlags } from './flags';
import { withSlowShare } from './slow-share';
import { quitIstioSidecar } from './istio-sidecar';
import { failureLine } from './failure-line';
import { replyLine } from '@grpc-greeter/greeter-process';
import { failureJson, replyJson, resultJson, summaryText } from './report';
import { Tally } from './tally';

async function main(): Promise<number> {
  const config = parseClientFlags(process.argv.slice(2));
  if (!config) return 0;
  // With --json, stdout carries JSON Lines only (see ClientLine); the failure lines stay on stderr.
  const json = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
  const client = await openChannel(config);
  const tally = new Tally();
  const started = performance.now();

  await runCalls(client, config, {
    onReply(reply) {
      tally.addReply(reply.hostname, reply.version, reply.latencyMs, reply.sent);
      if (config.quiet) return;
      if (config.json) json(replyJson(reply));
      else process.stdout.write(`${replyLine(reply.message, reply.hostname)}\n`);
    },
    onFailure(code, error) {
      tally.addFailure(code);
      if (config.quiet) return;
      process.stderr.write(`${failureLine(code, error.message, config.tls)}\n`);
      if (config.json) json(failureJson(code, error));
    },
  });
  const info = {
    target: config.target,
    lbPolicy: config.lbPolicy,
    durationMs: performance.now() - started,
  };
  client.close();

  const split = config.expectation && checkExpectation(config.expectation, tally);
  const judgedFailed =
    config.expectFailedPercent === undefined
      ? split
      : withFailedShare(split, config.expectFailedPercent, config.tolerance, tally);
  const expectation =
    config.expectSlow === undefined
      ? judgedFailed
      : withSlowShare(judgedFailed, config.expectSlow, config.tolerance, tally);
  if (config.json) json(resultJson(tally, info, expectation));
  else if (config.summary) process.stdout.write(summaryText(tally, info, expectation));
  if (expectation && !expectation.pass) {
    process.stderr.write(
      `greeter-client: observed split does not match --expect ${expectation.spec} (±${expectation.tolerance} pp):\n` +
        expectation.problems.map((p) => `  ${p}\n`).join(''),
    );
  }
  if (config.quitIstioSidecar) await quitIstioSidecar();
  const failuresExpected = config.expectFailedPercent !== undefined;
  return (tally.failed > 0 && !failuresExpected) || (expectation && !expectation.pass) ? 1 : 0;
}

runCli('greeter-client', main, { usage: 2, exitWhenDone: true });
