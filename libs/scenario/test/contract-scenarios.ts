// What each scenario file shows, as the project's contract states it: name, lab path, and the split
// `helm test` expects. Shared by the tests on the fixture chart and on the real chart.
export const CONTRACT_SCENARIOS = [
  ['no-sidecar', 'kube-proxy', 'one-pod'],
  ['sidecar-round-robin', 'mesh', 'v1=50,v2=50'],
  ['weighted-90-10', 'mesh', 'v1=90,v2=10'],
  ['v2-only', 'mesh', 'v1=0,v2=100'],
  ['client-side-lb', 'client-side', 'v1=50,v2=50'],
  ['max-connection-age', 'kube-proxy', 'many-pods'],
  ['proxyless', 'mesh', 'v1=50,v2=50'],
] as const;
