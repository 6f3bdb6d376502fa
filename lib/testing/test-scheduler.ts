/**
 * @module
 * A marble `TestScheduler` whose equality understands `McpError`s.
 */
import { TestScheduler } from 'rxjs/testing';
import { isMcpError } from '../protocol/errors.js';

/**
 * Replaces every Error inside `value` by a plain object of what identifies it (`name`, `message`,
 * and `kind`, `code` for `McpError`s), so deep equality compares errors by kind and code.
 *
 * @example
 * normalizeErrors(new McpError('timeout', 'late', { code: -32001 }))
 * // { name: 'McpError', kind: 'timeout', code: -32001 }
 */
export function normalizeErrors(value: unknown): unknown {
  if (isMcpError(value)) return { name: value.name, kind: value.kind, code: value.code };
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.map(normalizeErrors);
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) copy[key] = normalizeErrors(item);
    return copy;
  }
  return value;
}

/** Structural deep equality of plain data (what marbles compare). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/**
 * Creates a `TestScheduler` for `run()` marbles. Errors compare by kind and code, so
 * `expectObservable(x).toBe('#', undefined, new McpError('timeout', 'any text', { code: -32001 }))` passes
 * for any message. Pass your test framework's assertion to get its diffs.
 *
 * @example
 * const scheduler = createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));
 * scheduler.run(({ cold, expectObservable }) => expectObservable(cold('a|')).toBe('a|'));
 */
export function createMcpTestScheduler(assertEqual?: (actual: unknown, expected: unknown) => void): TestScheduler {
  return new TestScheduler((actual, expected) => {
    const a = normalizeErrors(actual);
    const e = normalizeErrors(expected);
    if (assertEqual) assertEqual(a, e);
    else if (!deepEqual(a, e)) {
      throw new Error(`Marbles differ.\nactual:   ${JSON.stringify(a)}\nexpected: ${JSON.stringify(e)}`);
    }
  });
}
