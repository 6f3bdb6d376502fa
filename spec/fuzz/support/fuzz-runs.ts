/**
 * How many cases each property runs, and from which seed.
 *
 * `npm test` runs every property with a fixed seed and a modest number of runs (given per
 * property), so it is fast and reproducible. `npm run fuzz` sets `FUZZ_RUNS` (≥ 100 000) and,
 * unless `FUZZ_SEED` is set, a random seed; each property prints its seed and case count, and a
 * failure's report carries the seed and the shrunk counterexample (replay it with
 * `FUZZ_SEED=<seed> FUZZ_RUNS=<n> npx jest spec/fuzz/<file>`).
 */
import * as fc from 'fast-check';

/** The seed of `npm test` runs. */
export const FIXED_SEED = 20_251_125;

const envRuns = process.env['FUZZ_RUNS'] ? Number(process.env['FUZZ_RUNS']) : undefined;
const envSeed = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : undefined;

/** Whether this is a `npm run fuzz` run (FUZZ_RUNS set). */
export const fuzzing = envRuns !== undefined;

/** The seed of this process's runs. */
export const seed = envSeed ?? (fuzzing ? (Math.random() * 2 ** 31) | 0 : FIXED_SEED);

/** fast-check parameters of a property whose `npm test` run makes `defaultRuns` cases. */
export function runsOf(defaultRuns: number): fc.Parameters<unknown> {
  return { numRuns: envRuns ?? defaultRuns, seed, endOnFailure: false };
}

/** Test timeout for a property: generous while fuzzing. */
export const propertyTimeout = (defaultMs = 30_000): number => (fuzzing ? 6 * 60 * 60_000 : defaultMs);

function report(name: string, details: fc.RunDetails<unknown>, startedAt: number): void {
  if (details.failed) {
    const cause =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${name}\n${fc.defaultReportMessage(details)}\nFailure: ${cause}`);
  }
  if (fuzzing) {
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    process.stderr.write(`fuzz: ${name}: ${details.numRuns} cases passed (seed ${details.seed}, ${seconds} s)\n`);
  }
}

/** Runs a synchronous property (fails with fast-check's report, prints the count while fuzzing). */
export function checkProperty<T>(name: string, property: fc.IProperty<T>, defaultRuns: number): void {
  const startedAt = performance.now();
  report(name, fc.check(property, runsOf(defaultRuns) as fc.Parameters<T>) as fc.RunDetails<unknown>, startedAt);
}

/** Runs an asynchronous property the same way. */
export async function checkAsyncProperty<T>(
  name: string,
  property: fc.IAsyncProperty<T>,
  defaultRuns: number,
): Promise<void> {
  const startedAt = performance.now();
  report(
    name,
    (await fc.check(property, runsOf(defaultRuns) as fc.Parameters<T>)) as fc.RunDetails<unknown>,
    startedAt,
  );
}
