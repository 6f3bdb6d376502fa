/**
 * A scripted `fetch` for HTTP transport specs: records every call (with the virtual time it was
 * made at) and answers with what the test's handler returns.
 */
import type { SchedulerLike, VirtualTimeScheduler } from 'rxjs';
import type { FetchLike } from '../../../lib/transport/http/fetch-exchange.js';

export interface FetchCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal;
  at: number;
}

export type Handler = (call: FetchCall) => Response | Promise<Response>;

export interface FakeFetch {
  fetch: FetchLike;
  calls: FetchCall[];
  /** Calls of one method. */
  of(method: string): FetchCall[];
}

export function createFakeFetch(handler: Handler, scheduler?: SchedulerLike): FakeFetch {
  const calls: FetchCall[] = [];
  const fetch: FetchLike = async (input, init = {}) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const call: FetchCall = {
      method: init.method ?? 'GET',
      url: String(input),
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      signal: init.signal!,
      at: scheduler ? scheduler.now() : 0,
    };
    calls.push(call);
    return handler(call);
  };
  return { fetch, calls, of: (method) => calls.filter((call) => call.method === method) };
}

/** A body the test writes to and ends at will. */
export interface ControlledStream {
  readonly stream: ReadableStream<Uint8Array>;
  push(text: string): void;
  close(): void;
  fail(error: unknown): void;
  /** Whether the reader cancelled it. */
  readonly cancelled: boolean;
}

export function controlledStream(): ControlledStream {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => {
      cancelled = true;
    },
  });
  return {
    stream,
    push: (text) => controller.enqueue(encoder.encode(text)),
    close: () => controller.close(),
    fail: (error) => controller.error(error),
    get cancelled() {
      return cancelled;
    },
  };
}

export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
}

/** A JSON response whose body the test writes (and may cut off). */
json.stream = (stream: ReadableStream<Uint8Array>): Response =>
  new Response(stream, { headers: { 'content-type': 'application/json' } });

export function sse(
  stream: ReadableStream<Uint8Array> | string,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(stream, {
    status: init.status ?? 200,
    headers: { 'content-type': 'text/event-stream', ...init.headers },
  });
}

export function status(code: number, body = ''): Response {
  return new Response(code === 204 || code === 202 ? null : body, { status: code });
}

/** One SSE event's text. */
export function event(data: unknown, id?: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** Lets pending promise callbacks and stream reads run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Runs `scheduler`'s virtual time up to `frame` (inclusive), letting promises settle around it. */
export async function advanceTo(scheduler: VirtualTimeScheduler, frame: number): Promise<void> {
  scheduler.maxFrames = frame;
  await settle();
  while (scheduler.actions.length > 0 && scheduler.actions[0]!.delay <= frame) {
    scheduler.flush();
    await settle();
  }
}
