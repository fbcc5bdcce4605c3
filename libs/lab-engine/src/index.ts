// The lab's engine: rendered objects in (inputs), a cluster of real greeter-server processes, what a
// cluster puts between client and pods (kube-proxy, DNS, a mesh control plane), and the real
// greeter-client calling through it, phase after phase. The lab's front ends (table, --watch, the
// live view) and the bench drive it through this file only.
export {
  type InputContext,
  inputContext,
  type InputSpec,
  type LabInput,
  LabInputError,
  type LabPhase,
  loadInput,
} from './inputs/load-input';
export { LabCluster } from './cluster/lab-cluster';
export { distinctLoopbacks } from './cluster/pod-hosts';
export type { Pod } from './cluster/pods';
export { KubeProxyClusterIp } from './paths/kube-proxy';
export { type LabPath, PATH_LABEL, pathOf } from './paths/lab-path';
export type { ControlPlaneKind } from './paths/wiring';
export { type MeshPlane, xdsTarget } from './mesh/mesh-plane';
export { startBuiltinPlane } from './mesh/builtin-plane';
export { startIstioPlane } from './mesh/istio-plane';
export { translate } from './mesh/translate';
export { DEFAULT_PARALLEL, runAll, type RunAllOptions } from './run/run-all';
export type { ScenarioRun } from './run/run-scenario';
export type { PhaseResult } from './run/phase-tally';
export { RunningLab, WINDOW_MS } from './live/running-lab';
export type * from './live/live-lab';
