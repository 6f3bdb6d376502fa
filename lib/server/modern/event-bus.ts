/**
 * @module
 * The event bus behind `subscriptions/listen`: what changed on the server (a list, a resource),
 * published by whichever process changed it and heard by every open listen stream. In-memory by
 * default; a shared bus (Redis…) makes one logical server of many processes.
 */
import { type Observable, Subject } from 'rxjs';

/** Something a listen stream may tell its client about. */
export type ServerEvent =
  | { readonly type: 'list_changed'; readonly kind: 'tools' | 'resources' | 'prompts' }
  | { readonly type: 'resource_updated'; readonly uri: string };

/** Observable-shaped publish/subscribe of {@link ServerEvent}s. */
export interface EventBus {
  /** Announces an event to every subscriber (of every process sharing the bus). */
  publish(event: ServerEvent): void;
  /** Every event published from now on; hot, never errors. */
  readonly events$: Observable<ServerEvent>;
}

/**
 * An in-process bus (a Subject).
 *
 * @example
 * const bus = createInMemoryEventBus();
 * bus.events$.subscribe((event) => console.log(event));
 * bus.publish({ type: 'resource_updated', uri: 'test://a' });
 */
export function createInMemoryEventBus(): EventBus {
  const subject = new Subject<ServerEvent>();
  return { publish: (event) => subject.next(event), events$: subject.asObservable() };
}
