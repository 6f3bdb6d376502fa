/**
 * @module
 * How long an SSE client waits before reconnecting a dropped stream.
 */

/**
 * Reconnection policy of a dropped SSE stream: a request's stream (resumed with `Last-Event-ID`)
 * or the standalone one (option names after the official SDK's). A `retry` value the server
 * sent replaces the backoff.
 */
export interface ReconnectOptions {
  /** Milliseconds before the first reconnection attempt. @defaultValue 1000 */
  initialDelay?: number;
  /** Upper bound of the delay, in milliseconds. @defaultValue 30 000 */
  maxDelay?: number;
  /** Each failed attempt multiplies the delay by this. @defaultValue 1.5 */
  growFactor?: number;
  /**
   * Consecutive failed reconnection attempts before the stream is given up: its request fails,
   * or, for the standalone stream, the transport ends. @defaultValue 2
   */
  maxRetries?: number;
}

/** The defaults of {@link ReconnectOptions}, as in the official TypeScript SDK. */
export const DEFAULT_RECONNECT_OPTIONS: Required<ReconnectOptions> = {
  initialDelay: 1000,
  maxDelay: 30_000,
  growFactor: 1.5,
  maxRetries: 2,
};

/**
 * The delay before reconnection attempt `attempt` (0 for the first): the server's `retry` value
 * exactly when it sent one, else exponential backoff capped at `maxDelay`.
 *
 * @example
 * reconnectDelay(DEFAULT_RECONNECT_OPTIONS, 2)        // 2250
 * reconnectDelay(DEFAULT_RECONNECT_OPTIONS, 2, 500)   // 500
 */
export function reconnectDelay(options: Required<ReconnectOptions>, attempt: number, serverRetry?: number): number {
  if (serverRetry !== undefined) return serverRetry;
  return Math.min(options.initialDelay * Math.pow(options.growFactor, attempt), options.maxDelay);
}
