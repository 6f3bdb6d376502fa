/**
 * @module
 * The client side of the stdio transport: an MCP server run as a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { filter, Observable, Subject, type Observer, type Subscriber, type Subscription } from 'rxjs';
import { McpError } from '../../protocol/errors.js';
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';
import { encodeMessage } from '../../transport/framing/encode-message.js';
import { TickWriter } from '../write-per-tick.js';
import { ndjson } from '../../transport/framing/ndjson.js';
import { splitLines } from '../../transport/framing/split-lines.js';
import type { InvalidFrame, Transport } from '../../transport/transport.js';
import { getDefaultEnvironment } from './default-environment.js';
import { fromReadable } from './from-readable.js';
import { killOnExit } from './kill-on-exit.js';
import { messageOf, type OutboundMessage } from '../../transport/related-request.js';

/** Options of {@link createStdioClientTransport}. */
export interface StdioClientTransportOptions {
  /** The program to run (resolved on `PATH`; no shell is involved). */
  command: string;
  /** Its arguments. */
  args?: readonly string[];
  /**
   * Variables added to (or overriding) the default environment of {@link getDefaultEnvironment}:
   * the child does not inherit the whole environment of this process.
   */
  env?: Record<string, string>;
  /**
   * The child's working directory.
   *
   * @defaultValue this process's working directory
   */
  cwd?: string;
  /**
   * What happens to the child's stderr: `'inherit'` shares this process's stderr, `'pipe'`
   * emits it line by line on `stderr$`, `'ignore'` discards it.
   *
   * @defaultValue `'inherit'`
   */
  stderr?: 'inherit' | 'pipe' | 'ignore';
  /**
   * How long each step of the shutdown waits for the child to exit: after stdin is closed, and
   * again after SIGTERM, before SIGKILL.
   *
   * @defaultValue `2000`
   */
  closeTimeoutMs?: number;
  /**
   * The largest message accepted, in UTF-8 bytes; a larger one becomes an `InvalidFrame` with
   * reason `'too-large'`.
   *
   * @defaultValue 16 MiB
   */
  maxMessageBytes?: number;
}

/** A {@link Transport} to a child process, with its stderr and pid. */
export interface StdioClientTransport extends Transport {
  /**
   * The child's stderr, line by line, when `stderr: 'pipe'` (otherwise it only completes).
   * Hot: subscribe before `inbound$` to see the first lines. Completes when the child is gone.
   */
  readonly stderr$: Observable<string>;
  /** The child's process id, once spawned. */
  readonly pid: number | undefined;
}

type State = 'idle' | 'running' | 'closing' | 'closed';

const MAX_STDERR_LINE_BYTES = 1024 * 1024;

/**
 * Creates a transport that runs an MCP server as a child process and speaks newline-delimited
 * JSON-RPC over its stdin and stdout.
 *
 * - **Start.** Nothing runs until `inbound$` is subscribed; then the child is spawned. Messages
 *   sent on `outbound` before that are queued and written once it is. One process per transport:
 *   create a new transport to reconnect.
 * - **End.** `inbound$` completes when the child exits after closing its output normally (exit
 *   code 0, or any exit during a shutdown we started). It errors with an `McpError` of kind
 *   `'transport'` when the child cannot be spawned (`ENOENT`, a bad `cwd`) or dies on its own with
 *   a non-zero code or a signal.
 * - **Shutdown** follows the MCP stdio spec: `outbound.complete()` or unsubscribing from
 *   `inbound$` closes the child's stdin, waits `closeTimeoutMs` for it to exit, sends SIGTERM,
 *   waits again, then sends SIGKILL. `outbound.error()` skips the first wait. Timers are cleared
 *   when the child exits, and a child still running when this process exits is killed with it.
 *
 * @example
 * const transport = createStdioClientTransport({ command: 'npx', args: ['-y', 'some-mcp-server'], stderr: 'pipe' });
 * transport.stderr$.subscribe((line) => log.debug(line));
 * const client = new McpClient(() => transport);
 */
export function createStdioClientTransport(options: StdioClientTransportOptions): StdioClientTransport {
  const closeTimeoutMs = options.closeTimeoutMs ?? 2000;
  const stderrLines = new Subject<string>();
  let state: State = 'idle';
  let child: ChildProcess | undefined;
  let receiver: Subscriber<JSONRPCMessage | InvalidFrame> | undefined;
  let queued: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Requests sent in one tick (a burst of concurrent calls) leave in one write to the child. */
  let writer: TickWriter | undefined;
  const reading: Subscription[] = [];

  const schedule = (action: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      action();
    }, closeTimeoutMs);
  };

  /** The transport is over: release everything and tell the receiver. */
  const settle = (error?: McpError) => {
    if (state === 'closed') return;
    state = 'closed';
    clearTimeout(timer);
    timer = undefined;
    queued = [];
    for (const subscription of reading.splice(0)) subscription.unsubscribe();
    stderrLines.complete();
    const subscriber = receiver;
    receiver = undefined;
    if (error) subscriber?.error(error);
    else subscriber?.complete();
  };

  const terminate = (proc: ChildProcess) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    schedule(() => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    });
  };

  const close = (abort: boolean) => {
    if (state === 'idle') return settle();
    if (state !== 'running' || !child) return;
    state = 'closing';
    const proc = child;
    if (!abort) writer?.flush();
    proc.stdin?.end();
    if (abort) terminate(proc);
    else schedule(() => terminate(proc));
  };

  const start = () => {
    let proc: ChildProcess;
    try {
      proc = spawn(options.command, options.args ?? [], {
        env: { ...getDefaultEnvironment(), ...options.env },
        cwd: options.cwd,
        stdio: ['pipe', 'pipe', options.stderr ?? 'inherit'],
        shell: false,
        windowsHide: true,
      });
    } catch (error) {
      return settle(startError(options.command, error));
    }
    child = proc;
    state = 'running';
    const forget = killOnExit(proc);

    proc.on('error', (error) => {
      // After a successful spawn this is a failed kill, and 'exit' follows anyway.
      if (proc.pid === undefined) settle(startError(options.command, error));
    });
    proc.once('exit', () => {
      forget();
      // A grandchild may still hold the pipes open: stop waiting for them after a grace period.
      schedule(() => {
        proc.stdout?.destroy();
        proc.stderr?.destroy();
      });
    });
    proc.once('close', (code, signal) => {
      forget();
      if (state === 'closing' || code === 0) return settle();
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      settle(new McpError('transport', `MCP server "${options.command}" ${how}`));
    });
    // EPIPE and the like when the child is gone: its 'close' reports what happened.
    proc.stdin?.on('error', () => undefined);

    reading.push(
      fromReadable(proc.stdout!)
        .pipe(ndjson({ maxMessageBytes: options.maxMessageBytes }))
        .subscribe({
          next: (message) => receiver?.next(message),
          error: (error: Error) => {
            const subscriber = receiver;
            receiver = undefined;
            subscriber?.error(
              new McpError('transport', `Reading from "${options.command}" failed: ${error.message}`, { cause: error }),
            );
            close(true);
          },
        }),
    );
    if (proc.stderr) {
      reading.push(
        fromReadable(proc.stderr)
          .pipe(
            splitLines({ maxLineBytes: MAX_STDERR_LINE_BYTES }),
            filter((line): line is string => typeof line === 'string'),
          )
          .subscribe({ next: (line) => stderrLines.next(line), error: () => undefined }),
      );
    }

    if (proc.stdin) {
      writer = new TickWriter(proc.stdin);
      for (const line of queued) writer.write(line);
    }
    queued = [];
  };

  const inbound$ = new Observable<JSONRPCMessage | InvalidFrame>((subscriber) => {
    if (state === 'closed') return subscriber.complete();
    if (state !== 'idle') {
      return subscriber.error(
        new McpError('transport', 'A stdio client transport runs one process; create a new transport to reconnect'),
      );
    }
    receiver = subscriber;
    start();
    return () => {
      if (receiver !== subscriber) return;
      receiver = undefined;
      close(false);
    };
  });

  const outbound: Observer<OutboundMessage> = {
    next: (message) => {
      if (state === 'idle') queued.push(encodeMessage(messageOf(message)));
      else if (state === 'running') writer?.write(encodeMessage(messageOf(message)));
    },
    error: () => close(true),
    complete: () => close(false),
  };

  return {
    inbound$,
    outbound,
    stderr$: stderrLines.asObservable(),
    get pid() {
      return child?.pid;
    },
  };
}

function startError(command: string, error: unknown): McpError {
  const reason = error instanceof Error ? error.message : String(error);
  return new McpError('transport', `Failed to start MCP server "${command}": ${reason}`, { cause: error });
}
