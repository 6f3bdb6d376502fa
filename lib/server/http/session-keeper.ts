/**
 * @module
 * A Streamable HTTP endpoint's side of a {@link SessionStore}: what it saves as its sessions
 * change, and the sessions it reopens from the store when a request names one it does not hold.
 */
import type { ConnectOptions } from '../connectable.js';
import type { SessionSnapshot, SessionStore } from '../session-snapshot.js';
import type { HttpAnswer } from './http-answer.js';
import { jsonRpcError, TRANSPORT_ERROR } from './http-utils.js';

/** What the endpoint asks of its store; see {@link createSessionKeeper}. */
export interface SessionKeeper {
  /** The connect options of session `id`: its snapshot (if restored) and the saving of its changes. */
  connectOptions(id: string, restore: SessionSnapshot | undefined): Pick<ConnectOptions, 'restore' | 'onStateChange'>;
  /** Session `id` has ended (DELETE, idle): the store forgets it. */
  ended(id: string): void;
  /** Session `id` was used. */
  touch(id: string): void;
  /**
   * Reopens session `id` from the store with `open`, once however many requests ask at the same
   * time: `undefined` when the store has no such session, a 503 answer when it failed.
   */
  restore<S>(id: string, open: (snapshot: SessionSnapshot) => S | HttpAnswer): Promise<S | HttpAnswer | undefined>;
}

/** Runs `call`, dropping whatever it throws or rejects with (saving is best effort: the session goes on). */
function quietly(call: () => void | Promise<void>): void {
  try {
    void Promise.resolve(call()).catch(() => undefined);
  } catch {
    // The store failed: this process still serves the session, another one could not.
  }
}

/**
 * Wraps `store` for one endpoint.
 *
 * @example
 * const keeper = createSessionKeeper(store);
 * server.connect(session.transport, { ...keeper.connectOptions(id, undefined) });
 */
export function createSessionKeeper(store: SessionStore): SessionKeeper {
  /** The restores under way, by session id. */
  const pending = new Map<string, Promise<unknown>>();
  return {
    connectOptions: (id, restore) => ({
      restore,
      onStateChange: (snapshot) => quietly(() => store.save(id, snapshot)),
    }),
    ended: (id) => quietly(() => store.delete(id)),
    touch: (id) => quietly(() => store.touch?.(id)),
    restore<S>(id: string, open: (snapshot: SessionSnapshot) => S | HttpAnswer) {
      const under = pending.get(id) as Promise<S | HttpAnswer | undefined> | undefined;
      if (under) return under;
      const restored = Promise.resolve()
        .then(() => store.load(id))
        .then(
          (snapshot) => (snapshot ? open(snapshot) : undefined),
          (error: Error) =>
            jsonRpcError(
              503,
              TRANSPORT_ERROR,
              `Service Unavailable: cannot read the session store (${error?.message ?? String(error)}); retry`,
            ),
        )
        .finally(() => pending.delete(id));
      pending.set(id, restored);
      return restored;
    },
  };
}
