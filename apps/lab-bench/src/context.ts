import type { ProcessRegistry } from '@grpc-greeter/greeter-process';

/** What every measurement needs: where children are tracked, how long and how often to measure. */
export interface BenchContext {
  registry: ProcessRegistry;
  runs: number;
  durationMs: number;
  /** Progress for the person waiting (stderr), one line per run. */
  progress(line: string): void;
}
