/**
 * @module
 * When a Streamable HTTP session is idle: the count of its open responses and the countdown that
 * closes it once none has been open for its idle timeout.
 */
import type { SchedulerLike, Subscription } from 'rxjs';

/** What {@link SessionActivity} needs of its session's settings. */
export interface ActivitySettings {
  /** Milliseconds without any open HTTP exchange before the session closes; 0 = never. */
  readonly idleTimeout: number;
  /** Close as soon as no response is open (stateless mode: one request per session). */
  readonly closeWhenIdle?: boolean;
  readonly scheduler: SchedulerLike;
}

/**
 * Counts a session's open responses and closes it when idle. At most one scheduled check per
 * session: arming only moves the deadline; a check that finds responses open does nothing (the
 * last of them to close arms it again), one that finds the deadline moved waits for the rest.
 *
 * @example
 * const activity = new SessionActivity(settings, () => session.close());
 * const release = activity.hold(); // a response opened
 * release(); // it closed: the idle countdown starts
 */
export class SessionActivity {
  #openResponses = 0;
  /** When the last open response closed (scheduler time). */
  #idleSince = 0;
  #idleCheck: Subscription | undefined = undefined;
  #stopped = false;

  constructor(
    private readonly settings: ActivitySettings,
    private readonly close: () => void,
  ) {}

  /** Counts one open response; the returned function (idempotent) counts it closed. */
  hold(): () => void {
    this.#openResponses++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#openResponses > 0) return;
      if (this.settings.closeWhenIdle) queueMicrotask(() => this.close());
      else this.#arm();
    };
  }

  /** Cancels the countdown for good (the session closed). */
  stop(): void {
    this.#stopped = true;
    this.#idleCheck?.unsubscribe();
  }

  #arm(): void {
    const { idleTimeout, scheduler } = this.settings;
    if (this.#stopped || idleTimeout <= 0) return;
    this.#idleSince = scheduler.now();
    this.#idleCheck ??= scheduler.schedule(() => this.#check(), idleTimeout);
  }

  #check(): void {
    this.#idleCheck = undefined;
    if (this.#stopped || this.#openResponses > 0) return;
    const { idleTimeout, scheduler } = this.settings;
    const left = this.#idleSince + idleTimeout - scheduler.now();
    if (left <= 0) this.close();
    else this.#idleCheck = scheduler.schedule(() => this.#check(), left);
  }
}
