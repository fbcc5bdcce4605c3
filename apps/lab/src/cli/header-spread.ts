import type { ScenarioRun } from '@grpc-greeter/lab-engine';

/**
 * Under the table, for a run whose client rotated a --header over several values (consistent-hash):
 * how many values each pod answered, and how many values more than one pod answered.
 */
export function renderHeaderSpread(runs: readonly ScenarioRun[]): string {
  return runs
    .flatMap((run) =>
      Object.entries(run.client.result?.byHeader ?? {})
        .filter(([, values]) => Object.keys(values).length > 1)
        .map(([key, values]) => {
          const perPod: Record<string, number> = {};
          let split = 0;
          for (const pods of Object.values(values)) {
            const answering = Object.keys(pods);
            if (answering.length > 1) split += 1;
            for (const pod of answering) perPod[pod] = (perPod[pod] ?? 0) + 1;
          }
          const pods = Object.keys(perPod)
            .sort()
            .map((pod) => `${pod.split('-').at(-1)} ${perPod[pod]}`)
            .join(', ');
          return (
            `${run.input.name}: ${Object.keys(values).length} ${key} values; per pod ${pods}; ` +
            `answered by 2+ pods: ${split}`
          );
        }),
    )
    .join('\n');
}
