/**
 * @module
 * Coalesces list changes into one `notifications/…/list_changed` per kind and session.
 */
import type { SchedulerLike, Subscription } from 'rxjs';

/** The lists a server announces changes of. */
export type ListKind = 'tools' | 'resources' | 'prompts';

/** Options of {@link createListChangedNotifier}. */
export interface ListChangedNotifierOptions {
  /** Where the coalescing window runs. */
  scheduler: SchedulerLike;
  /** The coalescing window in milliseconds. */
  delay: number;
  /** Whether anyone could hear a notification (no sessions: changes are not even scheduled). */
  hasListeners: () => boolean;
  /** Sends the notification of `kind` to every session that should get it. */
  broadcast: (kind: ListKind) => void;
}

/** Marks lists as changed; see {@link createListChangedNotifier}. */
export interface ListChangedNotifier {
  /** Records a change of `kind`; the notification leaves once the window has passed. */
  changed(kind: ListKind): void;
  /** Drops pending notifications. */
  cancel(): void;
}

/**
 * Creates a notifier: the first change of a kind opens a window of `delay` ms on the scheduler;
 * further changes of that kind within the window ride along, and one broadcast ends it.
 *
 * ```
 * changed('tools')  a-b--c-----------
 * broadcast         ----------t------   (delay: 10)
 * ```
 *
 * @example
 * const notifier = createListChangedNotifier({ scheduler, delay: 10, hasListeners, broadcast });
 * notifier.changed('tools');
 */
export function createListChangedNotifier(options: ListChangedNotifierOptions): ListChangedNotifier {
  const pending = new Map<ListKind, Subscription>();
  return {
    changed(kind) {
      if (pending.has(kind) || !options.hasListeners()) return;
      pending.set(
        kind,
        options.scheduler.schedule(() => {
          pending.delete(kind);
          options.broadcast(kind);
        }, options.delay),
      );
    },
    cancel() {
      for (const subscription of pending.values()) subscription.unsubscribe();
      pending.clear();
    },
  };
}
