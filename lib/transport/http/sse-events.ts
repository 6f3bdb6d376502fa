/**
 * @module
 * A byte stream of Server-Sent Events as an Observable, parsed by `eventsource-parser`.
 */
import { createParser } from 'eventsource-parser';
import { Observable } from 'rxjs';

/**
 * What an SSE stream yields: a dispatched event, a new reconnection time from a `retry` field,
 * or a comment line (`: keep-alive`), which carries no data but shows the stream is alive.
 */
export type SseItem =
  | { readonly type: 'event'; readonly id?: string; readonly event?: string; readonly data: string }
  | { readonly type: 'retry'; readonly retry: number }
  | { readonly type: 'comment' };

const COMMENT: SseItem = { type: 'comment' };

/**
 * Reads `body` as `text/event-stream`. Emits each event (with its `id`, `event` name and `data`;
 * priming events with empty data included), each `retry` value and each comment, in stream order. Completes
 * when the body ends; errors when reading fails; unsubscribing cancels the body.
 *
 * ```
 * body:   "id: 1\ndata: \n\n" "retry: 500\n" "data: {…}\n\n" |
 * result: ─{event id:'1' data:''}─{retry 500}─{event data:'{…}'}─|
 * ```
 *
 * @example
 * sseEvents(response.body!).subscribe((item) => item.type === 'event' && console.log(item.data));
 */
export function sseEvents(body: ReadableStream<Uint8Array>): Observable<SseItem> {
  return new Observable<SseItem>((subscriber) => {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let done = false;
    const parser = createParser({
      onEvent: ({ id, event, data }) => {
        const item: { type: 'event'; id?: string; event?: string; data: string } = { type: 'event', data };
        if (id !== undefined) item.id = id;
        if (event !== undefined) item.event = event;
        subscriber.next(item);
      },
      onRetry: (retry) => subscriber.next({ type: 'retry', retry }),
      onComment: () => subscriber.next(COMMENT),
    });
    const pump = (): void => {
      reader.read().then(
        ({ done: ended, value }) => {
          if (subscriber.closed) return;
          if (ended) {
            done = true;
            parser.feed(decoder.decode());
            subscriber.complete();
            return;
          }
          parser.feed(decoder.decode(value, { stream: true }));
          pump();
        },
        (error: unknown) => {
          done = true;
          subscriber.error(error);
        },
      );
    };
    pump();
    return () => {
      if (!done) reader.cancel().catch(() => undefined);
    };
  });
}
