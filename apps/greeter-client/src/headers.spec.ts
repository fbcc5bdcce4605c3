import { UsageError } from '@grpc-greeter/cli-kit';
import { checkExpectation, parseExpectation } from './expectation';
import { headersOfCall, takeHeaderFlags } from './headers';

describe('--header', () => {
  it('takes every --header out of the command line, in both spellings, keys lowercased', () => {
    const { headers, rest } = takeHeaderFlags([
      '--header',
      'X-User=alice',
      '--repeat=3',
      '--header=x-user=bob',
      '-header=tenant=a=b',
    ]);
    expect(rest).toEqual(['--repeat=3']);
    expect([...headers]).toEqual([
      ['x-user', ['alice', 'bob']],
      ['tenant', ['a=b']],
    ]);
  });

  it('rotates a repeated key over the calls and sends a single value on every call', () => {
    const { headers } = takeHeaderFlags([
      '--header=x-user=alice',
      '--header=x-user=bob',
      '--header=t=1',
    ]);
    expect([0, 1, 2].map((call) => headersOfCall(headers, call))).toEqual([
      { 'x-user': 'alice', t: '1' },
      { 'x-user': 'bob', t: '1' },
      { 'x-user': 'alice', t: '1' },
    ]);
  });

  it.each([
    ['--header'],
    ['--header=novalue'],
    ['--header=grpc-timeout=1'],
    ['--header=Bad Key=1'],
  ])('refuses %s with a usage error', (flag) => {
    expect(() => takeHeaderFlags([flag])).toThrow(UsageError);
  });
});

describe('--expect sticky', () => {
  const sticky = parseExpectation('sticky', 0);
  const counts = (byHeader: Record<string, Record<string, Record<string, number>>>) => {
    const byHostname: Record<string, number> = {};
    for (const values of Object.values(byHeader))
      for (const pods of Object.values(values))
        for (const [pod, n] of Object.entries(pods)) byHostname[pod] = (byHostname[pod] ?? 0) + n;
    const ok = Object.values(byHostname).reduce((a, b) => a + b, 0);
    return { ok, byHostname, byVersion: {}, byHeader };
  };

  it('passes when each user stays on one pod and the users spread over two', () => {
    const result = checkExpectation(
      sticky,
      counts({ 'x-user': { alice: { a: 5 }, bob: { b: 5 } } }),
    );
    expect(result).toMatchObject({ pass: true, problems: [] });
  });

  it('names the user answered by two pods', () => {
    const result = checkExpectation(
      sticky,
      counts({ 'x-user': { alice: { a: 3, b: 2 }, bob: { b: 5 } } }),
    );
    expect(result.problems).toEqual(['x-user=alice was answered by 2 pods']);
  });

  it('fails when every user landed on the same pod', () => {
    const result = checkExpectation(
      sticky,
      counts({ 'x-user': { alice: { a: 5 }, bob: { a: 5 } } }),
    );
    expect(result.problems).toEqual([
      'every header value went to one pod: expected them spread over 2+',
    ]);
  });

  it('fails without a rotating header to judge', () => {
    const result = checkExpectation(sticky, counts({ 'x-user': { alice: { a: 5 } } }));
    expect(result.problems).toEqual(['sticky needs a --header key given 2+ values']);
  });
});
