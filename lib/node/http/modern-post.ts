/**
 * @module
 * Node glue of the 2026-07-28 revision over Streamable HTTP: a POSTed modern message goes to the
 * server's transport-agnostic `serveModern`, and its replies go back as one JSON body, or as an
 * SSE stream once anything precedes the response (progress, logs, a listen stream). Closing the
 * response is cancellation.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JSONRPCMessage, JSONRPCRequest } from '../../protocol/jsonrpc.js';
import type { ConnectableServer } from '../../server/connectable.js';
import { header } from './http-utils.js';
import { requestFactsOf } from './request-facts.js';

/**
 * Answers one modern POST. Notifications get 202 (this revision defines none over HTTP).
 *
 * @example
 * if (isModernMessage(message, header(req, 'mcp-protocol-version'))) return serveModernPost(server, message, req, res);
 */
export function serveModernPost(server: Required<Pick<ConnectableServer, 'serveModern'>>, message: JSONRPCMessage, req: IncomingMessage, res: ServerResponse): void {
  if (!('method' in message) || !('id' in message) || message.id === undefined) {
    res.writeHead(202).end();
    return;
  }
  let streaming = false;
  const subscription = server.serveModern(message as JSONRPCRequest, { header: (name) => header(req, name), ...requestFactsOf(req) }).subscribe({
    next: ({ message: reply, status }) => {
      if (res.writableEnded) return;
      if (status !== undefined && !streaming) {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
        return;
      }
      if (!streaming) {
        streaming = true;
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      }
      res.write(`event: message\ndata: ${JSON.stringify(reply)}\n\n`);
      if (status !== undefined) res.end();
    },
    complete: () => {
      if (!res.writableEnded) res.end();
    },
  });
  res.on('close', () => subscription.unsubscribe());
}
