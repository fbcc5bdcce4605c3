// Public surface of @grpc-greeter/scenario: the chart's scenario files as typed lab input.
export { ScenarioError } from './errors';
export { type Derived, deriveExpect, type Expectation, parseExpect } from './expect';
export {
  findChartDir,
  listScenarios,
  type LoadOptions,
  loadScenario,
  resolveScenarioFile,
} from './load';
export { mergeValues, type ValuesMap } from './merge';
export type { LabPath, Scenario, VersionSpec, VersionWeight } from './scenario';
export * from './values';
