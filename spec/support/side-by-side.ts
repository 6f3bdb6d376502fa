/**
 * Runs a hand-rolled piece and its plain rxjs form through the same scenario in virtual time and
 * records everything observable about each run, so a spec can assert the two logs are equal.
 */
import { type Observable, type Subscription, tap } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';

/** The helpers `TestScheduler.run` hands its callback. */
type RunHelpers = Parameters<Parameters<TestScheduler['run']>[0]>[0];

/** What a scenario gets: rxjs's run helpers, and ways to log into the trace. */
export interface TraceTools extends RunHelpers {
  /** Logs `event` at the current frame. */
  log(event: string): void;
  /** `source`, logging its subscriptions, notifications, unsubscriptions and finalization under `name`. */
  watch<T>(name: string, source: Observable<T>): Observable<T>;
  /** Subscribes to `source` at frame `from` (and unsubscribes at `until`), logging what it sees under `name`. */
  observe<T>(name: string, source: Observable<T>, from?: number, until?: number): void;
}

/** Renders a value for the log: strings as they are, anything else as JSON. */
const show = (value: unknown): string =>
  value === undefined ? 'undefined' : typeof value === 'string' ? value : JSON.stringify(value);

/** Renders an error for the log: its kind (an `McpError`'s) and message. */
const showError = (error: unknown): string => {
  const { kind, message } = error as { kind?: string; message?: string };
  return `${kind ?? 'error'}: ${message ?? show(error)}`;
};

/**
 * Runs `scenario` in a fresh `TestScheduler` and returns the log, one `frame event` per entry.
 *
 * @example
 * const log = (form) => traced(({ cold, observe }) => observe('out', form(cold('-a|'))));
 * expect(log(handRolled)).toEqual(log(plain));
 */
export function traced(scenario: (tools: TraceTools) => void): string[] {
  const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  const entries: string[] = [];
  scheduler.run((helpers) => {
    const log = (event: string) => entries.push(`${scheduler.now()} ${event}`);
    const watch = <T>(name: string, source: Observable<T>): Observable<T> =>
      source.pipe(
        tap({
          subscribe: () => log(`${name} subscribe`),
          next: (value) => log(`${name} next ${show(value)}`),
          error: (error: unknown) => log(`${name} error ${showError(error)}`),
          complete: () => log(`${name} complete`),
          unsubscribe: () => log(`${name} unsubscribe`),
          finalize: () => log(`${name} finalize`),
        }),
      );
    const observe = <T>(name: string, source: Observable<T>, from = 0, until?: number) => {
      let subscription: Subscription | undefined;
      scheduler.schedule(() => {
        subscription = source.subscribe({
          next: (value) => log(`${name} got ${show(value)}`),
          error: (error: unknown) => log(`${name} failed ${showError(error)}`),
          complete: () => log(`${name} done`),
        });
      }, from);
      if (until !== undefined) scheduler.schedule(() => subscription?.unsubscribe(), until);
    };
    scenario({ ...helpers, log, watch, observe });
  });
  return entries;
}
