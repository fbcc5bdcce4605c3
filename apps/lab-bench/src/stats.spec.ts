import { ratio, summarise } from './stats';

describe('summarise', () => {
  it('Should give the middle value as the median of an odd number of runs, with min and max', () => {
    expect(summarise([5, 1, 4, 2, 3])).toEqual({ median: 3, min: 1, max: 5 });
  });

  it('Should average the two middle values for an even number of runs', () => {
    expect(summarise([10, 40, 20, 30])).toEqual({ median: 25, min: 10, max: 40 });
  });

  it('Should not reorder the runs it was given', () => {
    const runs = [3, 1, 2];
    summarise(runs);
    expect(runs).toEqual([3, 1, 2]);
  });

  it('Should refuse to summarise no runs at all', () => {
    expect(() => summarise([])).toThrow(/no runs/);
  });
});

describe('ratio', () => {
  it('Should divide by the baseline, and give NaN rather than Infinity for a zero baseline', () => {
    expect(ratio(1.5, 1)).toBe(1.5);
    expect(ratio(1, 0)).toBeNaN();
  });
});
