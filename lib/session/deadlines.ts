/**
 * @module
 * One timer per session for every request timeout: deadlines kept in order, a single scheduler
 * action armed for the earliest one. Arming and clearing a deadline allocates one small entry
 * and no timer, which matters when thousands of requests a second each carry a timeout.
 */
import type { SchedulerLike, Subscription } from 'rxjs';

/** An armed deadline; pass it to {@link Deadlines.clear}. */
export interface Deadline {
  readonly at: number;
  readonly expire: () => void;
  previous: Deadline | undefined;
  next: Deadline | undefined;
  armed: boolean;
}

/**
 * Deadlines on `scheduler`, expired in order of time (and of arming, for equal times), each at
 * exactly its time: the scheduler action always waits for the earliest armed deadline or less.
 * Clearing leaves the action alone, even when nothing is left armed; when it wakes for cleared
 * deadlines it just re-arms for the next one (or stops), so a steady stream of answered
 * requests, one after another or many at once, costs one wake-up per timeout period. The
 * action's timer does not keep a Node process alive (it is `unref`ed where the scheduler's
 * timer handle allows); {@link Deadlines.clearAll} stops it.
 *
 * @example
 * const deadlines = new Deadlines(asyncScheduler);
 * const deadline = deadlines.arm(60_000, () => console.log('timed out'));
 * deadlines.clear(deadline); // answered in time
 */
export class Deadlines {
  readonly #scheduler: SchedulerLike;
  #first: Deadline | undefined;
  #last: Deadline | undefined;
  #action: Subscription | undefined;
  /** When the action fires, if it is scheduled. */
  #wakeAt = Infinity;

  constructor(scheduler: SchedulerLike) {
    this.#scheduler = scheduler;
  }

  /**
   * Calls `expire` after `delay` milliseconds unless {@link Deadlines.clear}ed first. An infinite
   * `delay` (a request with `timeout: Infinity`, such as a long-lived listen stream) never expires
   * and arms nothing.
   */
  arm(delay: number, expire: () => void): Deadline {
    if (delay === Infinity) return { at: Infinity, expire, previous: undefined, next: undefined, armed: false };
    const deadline: Deadline = {
      at: this.#scheduler.now() + delay,
      expire,
      previous: undefined,
      next: undefined,
      armed: true,
    };
    // Usually the latest (requests share a timeout): walk back from the end to keep the order.
    let before = this.#last;
    while (before && before.at > deadline.at) before = before.previous;
    deadline.previous = before;
    deadline.next = before ? before.next : this.#first;
    if (deadline.next) deadline.next.previous = deadline;
    else this.#last = deadline;
    if (before) before.next = deadline;
    else this.#first = deadline;
    if (deadline.at < this.#wakeAt) this.#wake(deadline.at);
    return deadline;
  }

  /** Forgets `deadline` (a no-op if it expired or was cleared). */
  clear(deadline: Deadline): void {
    if (!deadline.armed) return;
    deadline.armed = false;
    if (deadline.previous) deadline.previous.next = deadline.next;
    else this.#first = deadline.next;
    if (deadline.next) deadline.next.previous = deadline.previous;
    else this.#last = deadline.previous;
    deadline.previous = deadline.next = undefined;
  }

  /** Forgets every deadline and stops the timer. */
  clearAll(): void {
    for (let deadline = this.#first; deadline; deadline = deadline.next) deadline.armed = false;
    this.#first = this.#last = undefined;
    this.#sleep();
  }

  #wake(at: number): void {
    this.#action?.unsubscribe();
    this.#wakeAt = at;
    const action = this.#scheduler.schedule(() => this.#fire(), Math.max(0, at - this.#scheduler.now()));
    // asyncScheduler's actions hold a Node Timeout as `id`: a timeout alone is no reason to stay up.
    (action as { id?: { unref?: () => void } }).id?.unref?.();
    this.#action = action;
  }

  #sleep(): void {
    this.#action?.unsubscribe();
    this.#action = undefined;
    this.#wakeAt = Infinity;
  }

  #fire(): void {
    this.#action = undefined;
    this.#wakeAt = Infinity;
    const now = this.#scheduler.now();
    let deadline = this.#first;
    while (deadline && deadline.at <= now) {
      this.clear(deadline);
      deadline.expire();
      deadline = this.#first;
    }
    if (deadline && this.#action === undefined) this.#wake(deadline.at);
  }
}
