// Public surface of @grpc-greeter/helm: the real helm binary and the chart's scenario files (the
// catalogue), found and rendered the same way by the lab, the `render` target and the tests.
export { findHelm, helm, helmError, HELM_MISSING, type HelmResult } from './helm';
export {
  readRendered,
  renderedText,
  type RenderResult,
  renderValues,
  type TemplateExtras,
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
export { readPhases } from './phases';
export { committedRenderDocuments, renderValuesCached } from './render-cache';
export { type Phase, type PhaseExpect, type ScenarioData, scenarioData } from './scenario-data';
export { skaffoldFile, skaffoldFromCatalogue } from './skaffold';
export { type Render, renderAll, staleRenders } from './stale';
export { writeCatalogue } from './write-catalogue';
