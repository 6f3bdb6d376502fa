import { defer, Observable, take, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { shareLatest } from '../../lib/client/share-latest.js';

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('shareLatest', () => {
  it('shares one subscription and replays the latest value to a late observer', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a----b------|');
      const shared = source.pipe(shareLatest());
      expectObservable(shared, '^---------!').toBe('--a----b--');
      expectObservable(shared, '-----^-------!').toBe('-----a-b-----');
      expectSubscriptions(source.subscriptions).toBe('^------------!');
    });
  });

  it('unsubscribes when the last observer leaves, and starts afresh (nothing stale) for the next', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b----');
      const shared = source.pipe(shareLatest());
      expectObservable(shared, '^---!').toBe('-a-b');
      expectObservable(shared, '------^---!').toBe('-------a-b');
      expectSubscriptions(source.subscriptions).toBe(['^---!', '------^---!']);
    });
  });

  it('passes an error to every observer, then the next observer restarts the source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-#');
      const shared = source.pipe(shareLatest());
      expectObservable(shared, '^').toBe('-a-#');
      expectObservable(shared, '--^').toBe('--a#');
      expectObservable(shared, '-----^').toBe('------a-#');
      expectSubscriptions(source.subscriptions).toBe(['^--!', '-----^--!']);
    });
  });

  it('passes completion on and resets', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const shared = cold('-a|').pipe(shareLatest());
      expectObservable(shared, '^').toBe('-a|');
      expectObservable(shared, '----^').toBe('-----a|');
    });
  });

  it('handles a source that fails while it is being subscribed, and one that every observer leaves at once', () => {
    let subscribed = 0;
    const failing = defer(() => {
      subscribed++;
      return throwError(() => new Error('no'));
    }).pipe(shareLatest());
    const errors: string[] = [];
    failing.subscribe({ error: (error: Error) => errors.push(error.message) });
    failing.subscribe({ error: (error: Error) => errors.push(error.message) });
    expect(errors).toEqual(['no', 'no']);
    expect(subscribed).toBe(2);

    let torndown = 0;
    const shared = new Observable<number>((subscriber) => {
      subscriber.next(1);
      return () => torndown++;
    }).pipe(shareLatest());
    const seen: number[] = [];
    shared.pipe(take(1)).subscribe((value) => seen.push(value));
    expect(seen).toEqual([1]);
    expect(torndown).toBe(1);
  });
});
