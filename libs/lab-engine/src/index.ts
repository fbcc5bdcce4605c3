// The lab's engine: rendered objects in (inputs), a cluster of real greeter-server processes, what a
// cluster puts between client and pods (kube-proxy, DNS, a mesh control plane), and the real
// greeter-client calling through it. The lab's front ends (CLI, --watch, the live view) and the
// bench drive it; they never reach past this file.
export {
  type InputContext,
  inputContext,
  type InputSpec,
  type LabInput,
  LabInputError,
  type LabPhase,
  loadInput,
} from './inputs/load-input';
export { distinctLoopbacks } from './cluster/pod-hosts';
export { podNamer } from './cluster/pod-names';
export { discard, type Pod, startReplicas } from './cluster/pods';
export { KubeProxyClusterIp } from './paths/kube-proxy';
export { type LabPath, PATH_LABEL, pathOf } from './paths/lab-path';
export type { ControlPlaneKind } from './paths/wiring';
export { type MeshPlane, startBuiltinPlane, xdsTarget } from './mesh/mesh-plane';
export { startIstioPlane } from './mesh/istio-plane';
export { translate } from './mesh/translate';
export { runAll } from './run/run-all';
export type { ScenarioRun } from './run/run-scenario';
export type { PhaseResult } from './run/run-phases';
export { RunningLab, WINDOW_MS } from './live/running-lab';
export type * from './live/live-lab';
