// patches/@grpc+grpc-js-xds+1.14.1.patch, applied by `npm ci` (postinstall: patch-package), fixes a
// connection leak in grpc-js-xds's priority LB policy: destroy() left the child's failover timer
// running, and 10 s later it re-created the destroyed child, which connected to the endpoints and was
// never closed. It shows on a proxyless client whenever a route drops a cluster (a weight set to 0
// on a VirtualService) right after an update: one connection per endpoint of that cluster, for good.
// This drives the policy itself, with a child policy that stays CONNECTING; without the patch it fails.
import { type ChannelOptions, connectivityState, experimental } from '@grpc/grpc-js';
import { register } from '@grpc/grpc-js-xds';
import { PriorityLoadBalancer } from '@grpc/grpc-js-xds/build/src/load-balancer-priority';

const STUCK_CONNECTING = 'test_stuck_connecting';

class StuckConnectingConfig implements experimental.TypedLoadBalancingConfig {
  getLoadBalancerName = () => STUCK_CONNECTING;
  toJsonObject = () => ({ [STUCK_CONNECTING]: {} });
  static createFromJson = () => new StuckConnectingConfig();
}

/** A child policy that never connects: what a pick_first does between an update and READY. */
class StuckConnecting implements experimental.LoadBalancer {
  static created = 0;
  constructor(private readonly helper: experimental.ChannelControlHelper) {
    StuckConnecting.created += 1;
  }
  updateAddressList(): boolean {
    this.helper.updateState(connectivityState.CONNECTING, new experimental.QueuePicker(this), null);
    return true;
  }
  exitIdle = () => undefined;
  resetBackoff = () => undefined;
  destroy = () => undefined;
  getTypeName = () => STUCK_CONNECTING;
}

describe('grpc-js-xds priority policy (patched)', () => {
  beforeAll(() => {
    register();
    experimental.registerLoadBalancerType(STUCK_CONNECTING, StuckConnecting, StuckConnectingConfig);
  });
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('a destroyed policy creates no child and reports no state when its failover timer would fire', () => {
    const states: connectivityState[] = [];
    const helper: experimental.ChannelControlHelper = {
      createSubchannel: () => {
        throw new Error('the stand-in child creates no subchannels');
      },
      updateState: (state) => void states.push(state),
      requestReresolution: () => undefined,
      addChannelzChild: () => undefined,
      removeChannelzChild: () => undefined,
    };
    const policy = new PriorityLoadBalancer(helper);
    const config = experimental.parseLoadBalancingConfig({
      priority: {
        children: {
          'cluster=v1': {
            config: [{ [STUCK_CONNECTING]: {} }],
            ignore_reresolution_requests: false,
          },
        },
        priorities: ['cluster=v1'],
      },
    });
    const endpoint = {
      addresses: [{ host: '127.0.0.1', port: 50051 }],
      localityPath: ['cluster=v1'],
    };
    const options: ChannelOptions = {};
    policy.updateAddressList(experimental.statusOrFromValue([endpoint]), config, options, '');
    expect(StuckConnecting.created).toBe(1);
    expect(states.at(-1)).toBe(connectivityState.CONNECTING);

    policy.destroy();
    const reported = states.length;
    jest.advanceTimersByTime(11_000);

    expect(StuckConnecting.created).toBe(1);
    expect(states).toHaveLength(reported);
  });
});
