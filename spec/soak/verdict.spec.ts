import { GROWTH_BYTES, leastSquares, trendOf, type Sample } from './verdict.js';

const MiB = 1024 * 1024;
const series = (count: number, bytesAt: (i: number) => number): Sample[] =>
  Array.from({ length: count }, (_, i) => ({ t: i * 1000, bytes: bytesAt(i) }));

describe('soak verdict', () => {
  it('fits a least-squares line', () => {
    expect(leastSquares(series(10, (i) => 5 + 2 * i))).toEqual({ slope: 0.002, intercept: 5 });
  });

  it('calls a noisy but level series flat, and a steady rise growing', () => {
    const noisy = trendOf(series(100, (i) => 20 * MiB + (i % 2 === 0 ? 1 : -1) * 2 * MiB));
    expect(noisy.verdict).toBe('flat');
    const leak = trendOf(series(100, (i) => 20 * MiB + i * 50 * 1024));
    expect(leak.verdict).toBe('growing');
    expect(leak.samples).toBe(75);
    expect(leak.slopePerMinute).toBeCloseTo(50 * 1024 * 60, 0);
  });

  it('ignores the warm-up, and growth under the floors', () => {
    // A rise in the first quarter only (warm-up), then level.
    expect(trendOf(series(100, (i) => (i < 25 ? i * MiB : 25 * MiB))).verdict).toBe('flat');
    // Under GROWTH_BYTES over the span, however steady.
    expect(trendOf(series(100, (i) => 2 * MiB + (i * GROWTH_BYTES) / 200)).verdict).toBe('flat');
    expect(trendOf(series(4, () => 1)).verdict).toBe('too few samples');
  });
});
