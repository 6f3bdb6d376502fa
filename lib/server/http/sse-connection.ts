/**
 * @module
 * One Server-Sent Events stream written as events happen: events, the priming event, keep-alive
 * comments on a scheduler. Its consumer (a web `ReadableStream`, or a Node response written
 * directly) attaches as a sink; what is written before that is kept until it does.
 */
import type { SchedulerLike } from 'rxjs';
import type { AnswerStream, HttpAnswer, SseSink } from './http-answer.js';
import { startTicking, stopTicking } from './ticker.js';

/** Options of {@link openSseConnection}. */
export interface SseConnectionOptions {
  /** Extra response headers (such as `Mcp-Session-Id`). */
  headers?: Readonly<Record<string, string>>;
  /**
   * Milliseconds between `: keep-alive` comments, which keep proxies from closing an idle
   * stream and reveal dead peers; `0` disables them.
   *
   * @defaultValue 15 000
   */
  keepAliveInterval?: number;
  /**
   * Bytes waiting to be written above which the stream is cut off: a client that does not read
   * cannot make the server buffer without bound. 0 disables.
   *
   * @defaultValue 0
   */
  maxQueuedBytes?: number;
  /** Where the keep-alive comments are timed. */
  scheduler: SchedulerLike;
}

/** A Server-Sent Events stream being written. Create with {@link openSseConnection}. */
export interface SseConnection extends AnswerStream {
  /** The stream's answer: status 200 and the SSE headers. */
  readonly answer: HttpAnswer;
  /** Writes one event; `data` must hold no line breaks (JSON from `JSON.stringify` never does). */
  send(data: string, options?: { id?: string; event?: string }): void;
  /** Writes the priming event: an id with empty data, and the reconnection delay if given. */
  prime(id: string, retry?: number): void;
  /** Ends the stream. */
  end(): void;
  /** Calls `listener` once when the stream closes, however it closes (ended, or cancelled by the client leaving). */
  onClose(listener: () => void): void;
  /** Bytes written to the stream but not yet taken by its consumer. */
  readonly queuedBytes: number;
  /** Whether the stream was cut off for exceeding `maxQueuedBytes`. */
  readonly overflowed: boolean;
}

/** The headers of every SSE answer. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

const encoder = new TextEncoder();

/** The SSE headers with `extra`, made once per `extra` object (a session passes the same one to each stream). */
const merged = new WeakMap<Readonly<Record<string, string>>, Readonly<Record<string, string>>>();
function withSseHeaders(extra: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  let headers = merged.get(extra);
  if (!headers) merged.set(extra, (headers = { ...SSE_HEADERS, ...extra }));
  return headers;
}

/**
 * Opens an SSE stream and returns a writer of its events. Keep-alive comments stop when the
 * stream closes, whichever side closes it.
 *
 * @example
 * const sse = openSseConnection({ headers: { 'mcp-session-id': id }, scheduler: asyncScheduler });
 * sse.send(JSON.stringify(message), { id: '1', event: 'message' });
 * return toResponse(sse.answer);
 */
export function openSseConnection(options: SseConnectionOptions): SseConnection {
  return new StreamingSseConnection(options);
}

/**
 * An open SSE stream. A class, as a server holds one per open stream: its methods are shared,
 * its keep-alive comments ride a timer shared by every stream of the same interval.
 */
class StreamingSseConnection implements SseConnection {
  readonly answer: HttpAnswer;
  #closed = false;
  #sink: SseSink | undefined = undefined;
  /** What was written before the sink attached, and whether the stream ended then. */
  #pending: string | undefined = undefined;
  #endPending = false;
  #overflowed = false;
  readonly #maxQueuedBytes: number;
  readonly #keepAliveInterval: number;
  readonly #scheduler: SchedulerLike;
  /** One listener, or several, or none: most streams have exactly one. */
  #listeners: (() => void) | (() => void)[] | undefined = undefined;

  constructor(options: SseConnectionOptions) {
    this.#keepAliveInterval = options.keepAliveInterval ?? 15_000;
    this.#scheduler = options.scheduler;
    this.#maxQueuedBytes = options.maxQueuedBytes ?? 0;
    this.answer = {
      status: 200,
      headers: options.headers ? withSseHeaders(options.headers) : SSE_HEADERS,
      stream: this,
    };
    if (this.#keepAliveInterval > 0) startTicking(this.#scheduler, this.#keepAliveInterval, this);
  }

  attach(sink: SseSink): void {
    this.#sink = sink;
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending !== undefined) sink.write(pending);
    if (this.#endPending) sink.end();
  }

  readable(): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) =>
          this.attach({
            queuedBytes: () => Math.max(0, -(controller.desiredSize ?? 0)),
            abort: () => controller.error(new Error('SSE stream overflowed')),
            write: (chunk) => {
              try {
                controller.enqueue(encoder.encode(chunk));
              } catch {
                this.cancel();
              }
            },
            end: () => {
              try {
                controller.close();
              } catch {
                // Already closed or cancelled by the consumer.
              }
            },
          }),
        cancel: () => this.cancel(),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
    );
  }

  cancel(): void {
    this.#pending = undefined;
    this.#onClosed();
  }

  send(data: string, event: { id?: string; event?: string } = {}): void {
    this.#write(
      `${event.event ? `event: ${event.event}\n` : ''}${event.id ? `id: ${event.id}\n` : ''}data: ${data}\n\n`,
    );
  }

  prime(id: string, retry?: number): void {
    this.#write(`id: ${id}\n${retry !== undefined ? `retry: ${retry}\n` : ''}data: \n\n`);
  }

  end(): void {
    if (this.#closed) return;
    if (this.#sink) this.#sink.end();
    else this.#endPending = true;
    this.#onClosed();
  }

  onClose(listener: () => void): void {
    if (this.#closed) listener();
    else if (this.#listeners === undefined) this.#listeners = listener;
    else if (typeof this.#listeners === 'function') this.#listeners = [this.#listeners, listener];
    else this.#listeners.push(listener);
  }

  get queuedBytes(): number {
    if (this.#closed) return 0;
    return this.#sink ? (this.#sink.queuedBytes?.() ?? 0) : (this.#pending?.length ?? 0);
  }

  get overflowed(): boolean {
    return this.#overflowed;
  }

  /** Writes a keep-alive comment (called by the shared timer). */
  tick(): void {
    this.#write(': keep-alive\n\n');
  }

  #write(chunk: string): void {
    if (this.#closed) return;
    if (this.#sink) this.#sink.write(chunk);
    else this.#pending = this.#pending === undefined ? chunk : this.#pending + chunk;
    // A consumer that does not read: cut it off rather than buffer without bound.
    if (this.#maxQueuedBytes > 0 && this.queuedBytes > this.#maxQueuedBytes) {
      this.#overflowed = true;
      this.#pending = undefined;
      this.#sink?.abort?.();
      this.#onClosed();
    }
  }

  #onClosed(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#keepAliveInterval > 0) stopTicking(this.#scheduler, this.#keepAliveInterval, this);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (typeof listeners === 'function') listeners();
    else if (listeners) for (const listener of listeners) listener();
  }
}
