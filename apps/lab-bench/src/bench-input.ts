import { findChartDir } from '@grpc-greeter/helm';
import { inputContext, type LabInput, loadInput } from '@grpc-greeter/lab-engine';

/** A chart scenario exactly as `npm start -- --scenario <name>` would run it. */
export function benchInput(name: string): Promise<LabInput> {
  return loadInput({ kind: 'scenario', value: name }, inputContext(findChartDir()));
}
