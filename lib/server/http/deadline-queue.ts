/**
 * @module
 * Many timeouts of one length on one scheduled action: the body timeout of every POST an
 * endpoint reads. A timer per request (scheduled, then cancelled a millisecond later when the
 * body has arrived) costs more than the rest of reading a small body on Node, whose timer lists
 * are rebuilt each time; here starting and cancelling a timeout are an array push and a flag.
 */
import type { SchedulerLike, Subscription } from 'rxjs';

/** A started timeout; `cancel()` before it fires means it never does. */
export interface Deadline {
  cancel(): void;
}

/** One timeout: when it is due, what it does, and whether it is over (fired or cancelled). */
class Entry implements Deadline {
  done = false;
  /**
   * What to do when due; dropped once the timeout is over, so a finished entry the queue still
   * holds (until it prunes or compacts) keeps nothing alive: the `fire` of a POST's body timeout
   * holds the whole request and response.
   */
  #fire: (() => void) | undefined;

  constructor(
    readonly queue: DeadlineQueue,
    readonly at: number,
    fire: () => void,
  ) {
    this.#fire = fire;
  }

  cancel(): void {
    if (this.done) return;
    this.end();
    this.queue.settle();
  }

  /** Ends the timeout without running its action. */
  end(): void {
    this.done = true;
    this.#fire = undefined;
  }

  /** Ends the timeout and runs its action. */
  fire(): void {
    const fire = this.#fire;
    this.end();
    fire?.();
  }
}

/**
 * Runs each `start(fire)`'s `fire` once `delay` milliseconds of `scheduler` have passed, unless it
 * was cancelled: what `scheduler.schedule(fire, delay)` per timeout does (same times, in order of
 * starting), with one scheduled action for all of them. Since every timeout has the same length,
 * they end in the order they start: the action waits for the oldest one still running, and when
 * it fires it ends those due and waits for the next. A cancelled timeout is only marked (the
 * action may wake once for it, and wait on). When none is left running the action stays
 * scheduled until its time, then finds nothing and ends: under steady traffic, where each body
 * arrives before the next request (every timeout started and cancelled in turn), the queue
 * schedules about one action per `delay` instead of one per request, and an idle endpoint has
 * nothing scheduled once `delay` has passed (`close()` cancels it at once). At most one action is
 * scheduled at a time.
 *
 * ```
 * start a at 0, b at 10, cancel a at 20 (delay 100):
 * action      ---------(100: a was cancelled, wait for b)----(110: b fires)
 * start a at 0, cancel it at 5, start b at 50 (delay 100):
 * action      ---------(100: nothing due, wait for b)--------(150: b fires)
 * ```
 *
 * @example
 * const bodies = new DeadlineQueue(scheduler, 30_000);
 * const deadline = bodies.start(() => answer408());
 * reading.then(() => deadline.cancel());
 */
export class DeadlineQueue {
  readonly #scheduler: SchedulerLike;
  readonly #delay: number;
  /** The timeouts in order of starting; the slots before `#head` are over (emptied as the head passes). */
  #entries: (Entry | undefined)[] = [];
  #head = 0;
  #action: Subscription | undefined;

  constructor(scheduler: SchedulerLike, delay: number) {
    this.#scheduler = scheduler;
    this.#delay = delay;
  }

  /** Starts a timeout that calls `fire` after the queue's delay. */
  start(fire: () => void): Deadline {
    const entry = new Entry(this, this.#scheduler.now() + this.#delay, fire);
    this.#prune();
    this.#entries.push(entry);
    if (!this.#action) this.#wake(this.#delay);
    return entry;
  }

  /** A timeout was cancelled: the finished ones at the front are dropped (the action stays; see the class note). */
  settle(): void {
    this.#prune();
  }

  /** Cancels every timeout and the scheduled action. */
  close(): void {
    this.#action?.unsubscribe();
    this.#action = undefined;
    for (let i = this.#head; i < this.#entries.length; i++) this.#entries[i]!.end();
    this.#entries = [];
    this.#head = 0;
  }

  #wake(delay: number): void {
    this.#action = this.#scheduler.schedule(() => this.#due(), delay);
  }

  /** The action: ends the timeouts due now, then waits for the oldest one still running. */
  #due(): void {
    this.#action = undefined;
    const now = this.#scheduler.now();
    for (;;) {
      this.#prune();
      const entry = this.#entries[this.#head];
      if (!entry) return;
      if (entry.at > now) {
        this.#wake(entry.at - now);
        return;
      }
      this.#entries[this.#head++] = undefined;
      entry.fire();
    }
  }

  /** Drops the finished timeouts at the front (compacting the array now and then). */
  #prune(): void {
    const entries = this.#entries;
    while (this.#head < entries.length && entries[this.#head]!.done) entries[this.#head++] = undefined;
    if (this.#head === entries.length) {
      this.#entries = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > entries.length) {
      this.#entries = entries.slice(this.#head);
      this.#head = 0;
    }
  }
}
