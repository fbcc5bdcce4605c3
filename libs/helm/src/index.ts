// Public surface of @grpc-greeter/helm: the real helm binary and the chart's scenario files, found
// and rendered the same way by the lab, the `render` target and the tests.
export { findHelm, helm, helmError, HELM_MISSING, type HelmResult } from './helm';
export {
  readRendered,
  renderedText,
  type RenderResult,
  renderValues,
  templateArgs,
} from './render';
export {
  CHART_PATH,
  DEFAULT_INSTALL,
  findChartDir,
  type Install,
  installOf,
  listScenarios,
  minKubeVersion,
  renderedFile,
  scenarioFile,
} from './scenarios';
export { type Phase, type PhaseExpect, phasesFile, readPhases } from './phases';
export { type Render, renderAll, staleRenders } from './stale';
