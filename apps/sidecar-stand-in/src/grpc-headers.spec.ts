import { grpcDeadline, percentEncode } from './grpc-headers';

describe('grpcDeadline', () => {
  it('Should turn grpc-timeout into a deadline that far ahead', () => {
    const before = Date.now();
    const deadline = grpcDeadline('1500m')?.getTime() ?? 0;
    expect(deadline - before).toBeGreaterThanOrEqual(1500);
    expect(deadline - before).toBeLessThan(1600);
  });

  it.each([undefined, '', '5', '5s', '123456789S'])('Should ignore %p', (header) => {
    expect(grpcDeadline(header)).toBeUndefined();
  });
});

describe('percentEncode', () => {
  it('Should keep printable ASCII and encode %, controls and UTF-8 bytes', () => {
    expect(percentEncode('no route: 100% é\n')).toBe('no route: 100%25 %C3%A9%0A');
  });
});
