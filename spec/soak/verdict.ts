/**
 * The soak's verdict on a series of memory samples: drop the warm-up, fit a least-squares line
 * to the rest, and call the series "growing" when the line rises over the measured span by more
 * than {@link GROWTH_BYTES} and by more than {@link GROWTH_SHARE} of the mean; "flat" otherwise.
 */

/** One sample: milliseconds since the start, bytes. */
export interface Sample {
  readonly t: number;
  readonly bytes: number;
}

/** Growth under this many bytes over the measured span is flat, whatever its share. */
export const GROWTH_BYTES = 1024 * 1024;
/** Growth under this share of the mean is flat, whatever its size. */
export const GROWTH_SHARE = 0.05;
/** The share of the samples (the earliest) that is warm-up, left out of the fit. */
export const WARM_UP_SHARE = 0.25;

export interface Trend {
  /** Samples fitted (after the warm-up). */
  readonly samples: number;
  /** The fitted line at the first and the last fitted sample, in bytes. */
  readonly start: number;
  readonly end: number;
  /** The fitted slope, in bytes per minute. */
  readonly slopePerMinute: number;
  readonly mean: number;
  readonly verdict: 'flat' | 'growing' | 'too few samples';
}

/** Least-squares slope and intercept of `bytes` over `t`. */
export function leastSquares(samples: readonly Sample[]): { slope: number; intercept: number } {
  const n = samples.length;
  const meanT = samples.reduce((sum, s) => sum + s.t, 0) / n;
  const meanB = samples.reduce((sum, s) => sum + s.bytes, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const s of samples) {
    covariance += (s.t - meanT) * (s.bytes - meanB);
    variance += (s.t - meanT) ** 2;
  }
  const slope = variance === 0 ? 0 : covariance / variance;
  return { slope, intercept: meanB - slope * meanT };
}

/** The trend and verdict of a series (see the module's rule). */
export function trendOf(all: readonly Sample[]): Trend {
  const fitted = all.slice(Math.floor(all.length * WARM_UP_SHARE));
  if (fitted.length < 4)
    return { samples: fitted.length, start: 0, end: 0, slopePerMinute: 0, mean: 0, verdict: 'too few samples' };
  const { slope, intercept } = leastSquares(fitted);
  const first = fitted[0]!.t;
  const last = fitted[fitted.length - 1]!.t;
  const start = intercept + slope * first;
  const end = intercept + slope * last;
  const mean = fitted.reduce((sum, s) => sum + s.bytes, 0) / fitted.length;
  const growth = end - start;
  const verdict = growth > GROWTH_BYTES && growth > GROWTH_SHARE * mean ? 'growing' : 'flat';
  return { samples: fitted.length, start, end, slopePerMinute: slope * 60_000, mean, verdict };
}
