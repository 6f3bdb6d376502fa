import { mergeMap, type Observable, type Subscriber } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { isMcpError } from '../../lib/protocol/errors.js';
import { SingleReader } from '../../lib/transport/single-reader.js';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** A reader slot fed by `source`: `open` subscribes the reader to it and records each release. */
function fedBy(source: Observable<string>, closed = () => false) {
  const released: boolean[] = [];
  let opened = 0;
  const reader = new SingleReader<string>(
    'A test transport',
    (subscriber) => {
      opened++;
      const feed = source.subscribe({
        next: (value) => subscriber.next(value),
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return (wasReader) => {
        released.push(wasReader);
        feed.unsubscribe();
      };
    },
    closed,
  );
  return { reader, released, opened: () => opened };
}

const refusal = expect.objectContaining({ kind: 'transport', message: 'A test transport has one reader at a time' });

describe('SingleReader', () => {
  it('gives the first subscriber what the transport delivers, and tears down when it unsubscribes', () => {
    let state: ReturnType<typeof fedBy> | undefined;
    scheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-b-c-d-');
      state = fedBy(source);
      expectObservable(state.reader.inbound$, '^----!').toBe('-a-b-');
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
    expect(state!.released).toEqual([true]);
    expect(state!.reader.current).toBeUndefined();
  });

  it('refuses a second subscriber while one reads, with a transport McpError naming the transport', () => {
    let state: ReturnType<typeof fedBy> | undefined;
    scheduler().run(({ hot, cold, expectObservable }) => {
      state = fedBy(hot('-a-b-c-|'));
      const reader = state.reader;
      expectObservable(reader.inbound$).toBe('-a-b-c-|');
      expectObservable(cold('--x').pipe(mergeMap(() => reader.inbound$))).toBe('--#', undefined, refusal);
    });
    expect(state!.opened()).toBe(1);
    expect(state!.released).toEqual([true]);
  });

  it('lets a new subscriber read once the first has gone', () => {
    let state: ReturnType<typeof fedBy> | undefined;
    scheduler().run(({ hot, cold, expectObservable }) => {
      state = fedBy(hot('-a-b-c-d-|'));
      const reader = state.reader;
      expectObservable(reader.inbound$, '^--!').toBe('-a-');
      expectObservable(cold('----(x|)').pipe(mergeMap(() => reader.inbound$))).toBe('-----c-d-|');
    });
    expect(state!.opened()).toBe(2);
    expect(state!.released).toEqual([true, true]);
  });

  it('completes a subscriber at once when the transport has closed, without opening', () => {
    let state: ReturnType<typeof fedBy> | undefined;
    scheduler().run(({ hot, expectObservable }) => {
      state = fedBy(hot('-a-'), () => true);
      expectObservable(state.reader.inbound$).toBe('|');
    });
    expect(state!.opened()).toBe(0);
  });

  it('hands the reader to take(), whose teardown then learns it was no longer the reader', () => {
    let state: ReturnType<typeof fedBy> | undefined;
    scheduler().run(({ hot, cold, expectObservable }) => {
      state = fedBy(hot('-a-b-c-'));
      const reader = state.reader;
      expectObservable(reader.inbound$).toBe('-a-|');
      cold('---x').subscribe(() => reader.take()?.complete());
    });
    expect(state!.reader.current).toBeUndefined();
    expect(state!.released).toEqual([false]);
  });

  it('is current while open runs, and frees the slot when open ends the reader at once', () => {
    let seen: Subscriber<string> | undefined;
    const reader: SingleReader<string> = new SingleReader<string>('A failing transport', (subscriber) => {
      seen = reader.current;
      subscriber.error(new Error('cannot open'));
    });
    const errors: unknown[] = [];
    reader.inbound$.subscribe({ error: (error: unknown) => errors.push(error) });
    expect(seen).toBeDefined();
    expect(reader.current).toBeUndefined();
    reader.inbound$.subscribe({ error: (error: unknown) => errors.push(error) });
    expect(errors.map((error) => (error as Error).message)).toEqual(['cannot open', 'cannot open']);
    expect(errors.some((error) => isMcpError(error))).toBe(false);
  });
});
