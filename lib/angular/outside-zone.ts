/**
 * @module
 * Keeping rxmcp's sockets, streams and timers out of Angular's zone, so an idle client never keeps
 * `ApplicationRef.isStable` false (zone.js tracks every `fetch`, `setInterval` and socket callback it
 * sees; a Streamable HTTP stream or a session's request deadline would be pending forever).
 * Without zone.js (`provideZonelessChangeDetection`) `NgZone` is a no-op and so are these.
 */
import type { NgZone } from '@angular/core';
import { Observable, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import type { Transport } from '../transport/transport.js';

/**
 * `scheduler`, with every action scheduled outside `zone`.
 *
 * @example
 * new McpClient(factory, { scheduler: outsideZoneScheduler(asyncScheduler, inject(NgZone)) });
 */
export function outsideZoneScheduler(scheduler: SchedulerLike, zone: NgZone): SchedulerLike {
  return {
    now: () => scheduler.now(),
    schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay?: number, state?: T): Subscription {
      return zone.runOutsideAngular(() => scheduler.schedule(work, delay, state));
    },
  };
}

/**
 * `transport`, subscribed to and written to outside `zone` (its other members, such as `info`
 * and `errors$`, are inherited unchanged).
 *
 * @example
 * new McpClient(() => outsideZoneTransport(createStreamableHttpClientTransport(url), zone));
 */
export function outsideZoneTransport(transport: Transport, zone: NgZone): Transport {
  const outside = <T>(run: () => T): T => zone.runOutsideAngular(run);
  const wrapped = Object.create(transport) as { -readonly [K in keyof Transport]: Transport[K] };
  wrapped.inbound$ = new Observable((subscriber) => outside(() => transport.inbound$.subscribe(subscriber)));
  wrapped.outbound = {
    next: (message) => outside(() => transport.outbound.next(message)),
    error: (error: unknown) => outside(() => transport.outbound.error(error)),
    complete: () => outside(() => transport.outbound.complete()),
  };
  return wrapped;
}
