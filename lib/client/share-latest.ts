/**
 * @module
 * Sharing a live stream among observers while any is subscribed, replaying its latest value.
 */
import { type MonoTypeOperatorFunction, Observable, type Subscriber, type Subscription } from 'rxjs';

/**
 * Shares the source while it has observers and replays the latest value to late ones. When
 * the last observer leaves, or the source errors or completes, it resets: the next observer
 * starts the source again (and replays nothing stale). What `share` with a `ReplaySubject(1)`
 * connector does, without a Subject: joining and leaving cost a `Set` insertion and deletion,
 * which matters because every client call holds the shared connection this way.
 *
 * ```
 * source:      --a----b-----
 * A:           ^-a----b--!
 * B:                ^ab------!     (B gets a at once)
 * ```
 *
 * @example
 * const tools$ = fetchToolsOnChange$.pipe(shareLatest());
 */
export function shareLatest<T>(): MonoTypeOperatorFunction<T> {
  return (source) => {
    const observers = new Set<Subscriber<T>>();
    let run: Run<T> | undefined;
    /** Ends the run and hands back every observer (each is then errored or completed). */
    const finish = () => {
      run = undefined;
      const all = [...observers];
      observers.clear();
      return all;
    };

    return new Observable<T>((subscriber) => {
      observers.add(subscriber);
      if (run) {
        if (run.latest) subscriber.next(run.latest.value);
      } else {
        const mine: Run<T> = {};
        run = mine;
        const subscription = source.subscribe({
          next(value) {
            if (run !== mine) return;
            mine.latest = { value };
            for (const observer of [...observers]) observer.next(value);
          },
          error(error: unknown) {
            if (run === mine) for (const observer of finish()) observer.error(error);
          },
          complete() {
            if (run === mine) for (const observer of finish()) observer.complete();
          },
        });
        // The source may have ended, or every observer left, while it was being subscribed.
        if (run === mine) mine.subscription = subscription;
        else subscription.unsubscribe();
      }
      return () => {
        if (!observers.delete(subscriber) || observers.size > 0) return;
        const ending = run;
        run = undefined;
        ending?.subscription?.unsubscribe();
      };
    });
  };
}

/** One subscription to the source, with the latest value it emitted. */
interface Run<T> {
  subscription?: Subscription;
  latest?: { value: T };
}
