// Test helpers of @grpc-greeter/xds-control-plane (its `testing` entry point): never imported by
// the lab itself.
export { type AdsDump, type DumpOptions, dumpAds, type RouteAction } from './ads-dump';
