/**
 * @module
 * A small seeded pseudo-random number generator, so faults injected in tests are reproducible.
 */

/**
 * Returns a generator of numbers in `[0, 1)` determined by `seed`: the same seed gives the same
 * sequence on every run and platform. The algorithm is mulberry32 (a 32-bit state advanced by a
 * Weyl sequence and scrambled with two multiply-xorshift rounds): tiny and fast, with a period of
 * 2^32, which is plenty for tests and not meant for anything security-related.
 *
 * @example
 * const random = seededRandom(42);
 * random(); // the same number every run
 * const coin = () => random() < 0.5;
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}
