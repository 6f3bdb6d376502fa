/**
 * @module
 * What a Streamable HTTP session is to its endpoint: the settings it gets, and what the endpoint
 * calls on it (implemented in streamable-session.ts).
 */
import type { SchedulerLike } from 'rxjs';
import type { JSONRPCMessage, JSONRPCRequest } from '../../protocol/jsonrpc.js';
import type { Transport } from '../../transport/transport.js';
import type { RequestFacts } from '../modern/envelope.js';
import type { EventStore } from './event-store.js';
import type { HttpAnswer } from './http-answer.js';

/** Settings a session gets from its handler. */
export interface StreamableSessionSettings {
  /** The session id (`undefined` in stateless mode). */
  readonly id: string | undefined;
  readonly eventStore: EventStore | undefined;
  /** The `retry` field of priming events, in milliseconds. */
  readonly retryInterval: number | undefined;
  readonly keepAliveInterval: number;
  /** Milliseconds without any open HTTP exchange before the session closes; 0 = never. */
  readonly idleTimeout: number;
  /** Answer every request with an SSE stream opened at once, rather than JSON when possible. */
  readonly sseResponses?: boolean;
  /** Bytes queued on one SSE stream above which it is cut off (0: never). */
  readonly maxQueuedBytes?: number;
  /** Close as soon as no response is open (stateless mode: one request per session). */
  readonly closeWhenIdle?: boolean;
  /** Where the idle timeout and keep-alive comments are timed. */
  readonly scheduler: SchedulerLike;
}

/** One session of the Streamable HTTP transport. */
export interface StreamableSession {
  readonly id: string | undefined;
  readonly transport: Transport;
  readonly closed: boolean;
  /**
   * Passes a POSTed request on; the answer (JSON or SSE) is made when the first related message
   * is sent: returned as is if that happened before this returns (a handler that answered at
   * once, or an SSE answer), otherwise as a promise. `undefined` (and nothing done) when a
   * request with the same id is still in flight. `signal` aborting means the client went away (a
   * function is called only if the answer is not ready once the request has been passed on, so
   * most requests never make one). `waitUntil` (a Worker's `ctx.waitUntil`) keeps the request
   * alive when it goes on after its response stream was closed (`closeStream`).
   * `facts` is what the POST tells handlers (`ctx.http`, `ctx.auth`).
   */
  handleRequest(
    request: JSONRPCRequest,
    protocolVersion: string,
    signal?: AbortSignal | (() => AbortSignal),
    waitUntil?: WaitUntil,
    facts?: RequestFacts,
  ): HttpAnswer | Promise<HttpAnswer> | undefined;
  /** Passes a POSTed notification or response on. */
  receive(message: JSONRPCMessage): void;
  /** Opens the standalone GET stream; `undefined` if one is already open. */
  openStandaloneStream(protocolVersion: string): HttpAnswer | undefined;
  /**
   * Resumes the stream of `lastEventId`: replays what followed it, then carries on live if the
   * stream is still open. `undefined` if the id is unknown, expired or not this session's; a
   * promise when the event store answers with one (a 503 answer if it fails).
   */
  resumeStream(lastEventId: string, protocolVersion: string): HttpAnswer | undefined | Promise<HttpAnswer | undefined>;
  /** Counts a momentary exchange (a 202, a refusal) as activity: the idle countdown restarts. */
  touch(): void;
  /** Bytes written to this session's SSE streams and not yet sent. */
  readonly queuedBytes: number;
  /**
   * Ends the session: open streams end and `inbound$` completes. With `keepEvents`, the events
   * stored for its streams stay (the session goes on in another process, which replays them).
   */
  close(keepEvents?: boolean): void;
  /** Calls `listener` once when the session has closed, however it closed. */
  onClose(listener: () => void): void;
}

/** A Worker's `ctx.waitUntil`: keeps the request's work alive until `promise` settles. */
export type WaitUntil = (promise: Promise<unknown>) => void;
