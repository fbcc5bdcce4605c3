import { parseCpuList } from './toolchain';

describe('parseCpuList', () => {
  it.each([
    ['0-1', [0, 1]],
    ['3', [3]],
    ['0-2,6,8-9\n', [0, 1, 2, 6, 8, 9]],
  ])('Should expand the kernel list %j', (list, cpus) => {
    expect(parseCpuList(list)).toEqual(cpus);
  });
});
