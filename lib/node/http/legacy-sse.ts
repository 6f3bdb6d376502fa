/**
 * @module
 * The legacy HTTP+SSE transport (2024-11-05) as Node request handlers: the web-standard
 * endpoints of `rxmcp`, adapted to `IncomingMessage` / `ServerResponse`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConnectableServer } from '../../server/connectable.js';
import {
  createLegacySseHandler as createWebLegacySseHandler,
  type LegacySseOptions,
} from '../../server/http/legacy-sse.js';
import { unrefScheduler } from './unref-scheduler.js';
import { serveAnswer } from './web-exchange.js';

export type { LegacySseOptions };

/** The two endpoints of the legacy transport for `node:http`. Create with {@link createLegacySseHandler}. */
export interface LegacySseHandler {
  /** Serves `GET <sse path>`: a new session's stream, announcing `<messagesPath>?sessionId=…`. */
  handleStream(req: IncomingMessage, res: ServerResponse, messagesPath: string): void;
  /** Serves `POST <messages path>?sessionId=…`: 202, the reply goes on the session's stream. */
  handleMessage(req: IncomingMessage, res: ServerResponse): void;
  /** The number of open sessions. */
  readonly sessionCount: number;
  /** Bytes written to open SSE streams and not yet sent. */
  readonly queuedBytes: number;
  /** Ends every stream and session. */
  close(): void;
}

/**
 * Creates the legacy HTTP+SSE endpoints serving `server`; each stream is one session.
 *
 * @example
 * const legacy = createLegacySseHandler(server);
 * router.get('/sse', (req, res) => legacy.handleStream(req, res, '/messages'));
 * router.post('/messages', (req, res) => legacy.handleMessage(req, res));
 */
export function createLegacySseHandler(server: ConnectableServer, options: LegacySseOptions = {}): LegacySseHandler {
  const legacy = createWebLegacySseHandler(server, { scheduler: unrefScheduler, ...options });
  return {
    handleStream: (req, res, messagesPath) =>
      serveAnswer(req, res, (request) => Promise.resolve(legacy.handleStream(request, messagesPath))),
    handleMessage: (req, res) => serveAnswer(req, res, (request) => legacy.handleMessage(request)),
    get sessionCount() {
      return legacy.sessionCount;
    },
    get queuedBytes() {
      return legacy.queuedBytes;
    },
    close: () => legacy.close(),
  };
}
