/**
 * @module
 * The server side of the stdio transport: JSON-RPC over this process's stdin and stdout.
 */
import type { Readable, Writable } from 'node:stream';
import type { Observer, SchedulerLike } from 'rxjs';
import { McpError } from '../../protocol/errors.js';
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';
import { encodeMessage } from '../../transport/framing/encode-message.js';
import { ndjson } from '../../transport/framing/ndjson.js';
import type { InvalidFrame, Transport } from '../../transport/transport.js';
import { redirectConsoleToStderr } from './console-guard.js';
import { TickWriter } from '../write-per-tick.js';
import { fromReadable } from './from-readable.js';
import { messageOf, type OutboundMessage } from '../../transport/related-request.js';
import { drainOnEnd } from '../../transport/drain-on-end.js';
import { SingleReader } from '../../transport/single-reader.js';
import { DEFAULT_LIMITS } from '../../server/limits.js';

/** Options of {@link createStdioServerTransport}. */
export interface StdioServerTransportOptions {
  /**
   * Where messages arrive.
   *
   * @defaultValue `process.stdin`
   */
  stdin?: Readable;
  /**
   * Where messages go.
   *
   * @defaultValue `process.stdout`
   */
  stdout?: Writable;
  /**
   * While `inbound$` is subscribed and `stdout` is `process.stdout`, send `console.log`,
   * `console.info`, `console.debug` (and the rest of the console's stdout methods) to stderr, so
   * stray output cannot corrupt the JSON-RPC stream. See {@link redirectConsoleToStderr}.
   *
   * @defaultValue `true`
   */
  guardConsole?: boolean;
  /**
   * The largest message accepted, in UTF-8 bytes; a larger one becomes an `InvalidFrame` with
   * reason `'too-large'` and reading carries on with the next line.
   *
   * @defaultValue 16 MiB
   */
  maxMessageBytes?: number;
  /**
   * When stdin ends, how long, in milliseconds, `inbound$` waits for the responses to the requests
   * still in flight before it completes (see {@link drainOnEnd}); 0 completes at once.
   *
   * @defaultValue 5000
   */
  drainTimeout?: number;
  /**
   * Bytes waiting in `stdout` above which stdin stops being read until stdout drains: a client
   * that sends requests but does not read the answers is slowed down by its pipe instead of
   * filling the server's memory. 0 disables.
   *
   * @defaultValue 1 MiB (`DEFAULT_LIMITS.highWaterBytes`)
   */
  highWaterBytes?: number;
  /**
   * Runs the drain timer.
   *
   * @defaultValue `asyncScheduler`
   */
  scheduler?: SchedulerLike;
}

/**
 * Creates the transport of an MCP server launched by a client as a child process: newline-
 * delimited JSON-RPC read from stdin and written to stdout.
 *
 * Nothing happens at construction. Subscribing to `inbound$` attaches listeners to stdin and
 * resumes it (and, by default, redirects the console to stderr); unsubscribing removes them,
 * pauses stdin again and restores the console, so the process can exit. `inbound$` completes
 * when stdin ends (the client closed it: time to shut down) and the requests read before have
 * been answered, or `drainTimeout` has passed, and errors with an `McpError` of kind
 * `'transport'` when stdin or stdout fails. One subscriber at a time.
 *
 * `outbound.next` writes a line to stdout (Node buffers it if the pipe is full); the lines of one
 * tick leave together in one write on the next tick.
 * `outbound.complete()` (or `error()`) closes the transport: `inbound$` completes, the console is
 * restored, and an injected `stdout` is ended (destroyed, for `error`); `process.stdout` itself is
 * never closed.
 *
 * @example
 * const transport = createStdioServerTransport();
 * server.connect(transport);
 */
export function createStdioServerTransport(options: StdioServerTransportOptions = {}): Transport {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const ownsStdout = stdout !== process.stdout;
  const guardConsole = (options.guardConsole ?? true) && !ownsStdout;
  let closed = false;

  const inbound = new SingleReader<JSONRPCMessage | InvalidFrame>(
    'A stdio server transport',
    (subscriber) => {
      const restoreConsole = guardConsole ? redirectConsoleToStderr() : undefined;
      const onStdoutError = (error: Error) =>
        subscriber.error(new McpError('transport', `stdout failed: ${error.message}`, { cause: error }));
      stdout.on('error', onStdoutError);
      const reading = fromReadable(stdin)
        .pipe(ndjson({ maxMessageBytes: options.maxMessageBytes }))
        .subscribe({
          next: (message) => subscriber.next(message),
          error: (error: Error) =>
            subscriber.error(new McpError('transport', `stdin failed: ${error.message}`, { cause: error })),
          complete: () => subscriber.complete(),
        });
      return () => {
        reading.unsubscribe();
        stdout.off('error', onStdoutError);
        restoreConsole?.();
      };
    },
    () => closed,
  );

  // Backpressure: past the high-water mark, stdin pauses until stdout drains.
  const highWater = options.highWaterBytes ?? DEFAULT_LIMITS.highWaterBytes;
  let paused = false;
  const onDrain = () => {
    paused = false;
    if (inbound.current && !closed) stdin.resume();
  };
  const checkBackpressure = () => {
    if (paused || highWater <= 0 || stdout.writableLength <= highWater) return;
    paused = true;
    stdin.pause();
    stdout.once('drain', onDrain);
  };
  // Responses produced in one tick (a burst of requests read together) leave in one write.
  const writer = new TickWriter(stdout, checkBackpressure);
  const close = (abort: boolean) => {
    if (closed) return;
    closed = true;
    if (!abort) writer.flush();
    if (ownsStdout) {
      if (abort) stdout.destroy();
      else stdout.end();
    }
    inbound.current?.complete();
  };

  const outbound: Observer<OutboundMessage> = {
    next: (message) => {
      if (!closed) writer.write(encodeMessage(messageOf(message)));
    },
    error: () => close(true),
    complete: () => close(false),
  };

  return drainOnEnd(
    { inbound$: inbound.inbound$, outbound },
    { timeout: options.drainTimeout, scheduler: options.scheduler },
  );
}
