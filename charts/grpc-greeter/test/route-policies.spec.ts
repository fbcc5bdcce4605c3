// The VirtualService's retry policy and fault injection (routing.retries, routing.fault): what the
// scenarios that set them render, what their helm test pod then expects, and that the objects pass
// Istio's CRD schemas (scenarios.spec.ts checks every scenario's objects the same way).
import { flagValue } from '@grpc-greeter/manifests';
import { readPhases } from '@grpc-greeter/helm';
import { validateWithModels } from './support/models';
import { CHART_DIR, SERVER_NAME, SERVER_PORT } from './support/paths';
import { asType, podsOf, testPod, type VirtualService } from './support/pods';
import { render, type Rendered } from './support/render';

const testArgs = (r: Rendered) => testPod(r).spec.containers[0].args ?? [];
const virtualService = (r: Rendered) => asType<VirtualService>(r.get('VirtualService'));
const onlyRule = (r: Rendered) => virtualService(r).spec.http ?? [];

describe('rolling-update-retries', () => {
  it('renders the retry policy on the route to the Service, and servers that close at once', async () => {
    const r = await render({ scenario: 'rolling-update-retries' });
    const http = onlyRule(r);
    expect(http).toHaveLength(1);
    expect(http[0].match).toEqual([{ port: SERVER_PORT }]);
    expect(http[0].retries).toEqual({ attempts: 3, retryOn: 'unavailable' });
    expect(http[0].route).toEqual([{ destination: { host: SERVER_NAME } }]);
    expect(http[0].fault).toBeUndefined();
    for (const pod of podsOf(r).filter((p) => p.labels['app'] === SERVER_NAME)) {
      expect(pod.spec.containers[0].args).toEqual(
        expect.arrayContaining(['--drain-seconds=0', '--shutdown-timeout-seconds=0']),
      );
    }
  });

  it('rolls out twice, with retries bounded to 0 failed calls, then with them off', () => {
    const phases = readPhases(CHART_DIR, 'rolling-update-retries') ?? [];
    expect(phases.map((p) => [p.name, p.expect?.maxFailed])).toEqual([
      ['one pod per version', undefined],
      ['rollout restart, retries on unavailable', 0],
      ['rollout restart, retries off', undefined],
    ]);
    expect(phases[2].values).toMatchObject({ routing: { retries: { attempts: 0 } } });
  });

  it('writes attempts 0 alone, as Istio accepts it, when retries are turned off', async () => {
    const r = await render({
      scenario: 'rolling-update-retries',
      set: ['routing.retries.attempts=0'],
    });
    expect(onlyRule(r)[0].retries).toEqual({ attempts: 0 });
    const [result] = await validateWithModels([r.get('VirtualService')]);
    expect(result.error).toBeNull();
  });
});

describe.each([
  ['fault-abort', { abort: { percentage: { value: 10 }, grpcStatus: 'ABORTED' } }],
  ['fault-delay', { delay: { percentage: { value: 10 }, fixedDelay: '200ms' } }],
])('%s', (name, fault) => {
  it('renders the fault on the only rule, routed to the Service, valid for Istio', async () => {
    const r = await render({ scenario: name });
    const http = onlyRule(r);
    expect(http).toHaveLength(1);
    expect(http[0].fault).toEqual(fault);
    expect(http[0].retries).toBeUndefined();
    expect(http[0].route).toEqual([{ destination: { host: SERVER_NAME } }]);
    const [result] = await validateWithModels([r.get('VirtualService')]);
    expect(result.error).toBeNull();
  });
});

describe("Istio's schema check of a fault", () => {
  it('rejects a fault whose percentage is not a number (the validation can fail)', async () => {
    const vs = virtualService(await render({ scenario: 'fault-abort' }));
    const broken = structuredClone(vs);
    (broken.spec.http ?? [])[0].fault = { abort: { percentage: { value: 'ten' } } } as never;
    const [result] = await validateWithModels([broken as never]);
    expect(result.error).toContain('value');
  });
});

describe('the helm test pod of a fault', () => {
  it('expects 10% failed calls of fault-abort and no slow ones', async () => {
    const args = testArgs(await render({ scenario: 'fault-abort' }));
    expect(flagValue(args, 'expect-failed')).toBe('10');
    expect(flagValue(args, 'expect-slow')).toBeUndefined();
    expect(flagValue(args, 'tolerance')).toBe('8');
  });

  it('expects 10% of fault-delay calls to take 200ms or more, and none failed', async () => {
    const args = testArgs(await render({ scenario: 'fault-delay' }));
    expect(flagValue(args, 'expect-slow')).toBe('10@200ms');
    expect(flagValue(args, 'expect-failed')).toBeUndefined();
  });

  it('counts a delayed call the fault also aborts as failed, not slow', async () => {
    const args = testArgs(
      await render({
        scenario: 'fault-delay',
        set: ['routing.fault.abort.percentage.value=50', 'routing.fault.abort.grpcStatus=ABORTED'],
      }),
    );
    expect(flagValue(args, 'expect-failed')).toBe('50');
    expect(flagValue(args, 'expect-slow')).toBe('5@200ms');
  });

  // Retries off on both hops (the mesh's default policy would retry the bad pod's UNAVAILABLE).
  it('adds a bad pod’s failures to the aborted share: 10% + half of the other 90%', async () => {
    const args = testArgs(
      await render({
        scenario: 'fault-abort',
        set: [
          'server.versions[0].name=v1',
          'server.versions[0].replicas=1',
          'server.versions[1].name=v2',
          'server.versions[1].replicas=1',
          'server.versions[1].failureRate=1',
          'routing.retries.attempts=0',
          'test.retries=0',
        ],
      }),
    );
    expect(flagValue(args, 'expect-failed')).toBe('55');
  });

  it('expects no share without a mesh hop to inject the fault', async () => {
    const args = testArgs(await render({ scenario: 'fault-abort', set: ['mesh.sidecar=false'] }));
    expect(flagValue(args, 'expect-failed')).toBeUndefined();
  });
});
