/**
 * @module
 * The 2026-07-28 revision over Streamable HTTP: a POSTed modern message goes to the server's
 * transport-agnostic `serveModern`, and its replies come back as one JSON body, or as an SSE
 * stream once anything precedes the response (progress, logs, a listen stream). An SSE stream
 * carries a `: keep-alive` comment every `keepAliveInterval` ms (the transport spec's
 * advice for long-lived streams, `subscriptions/listen` above all), so proxies and client idle
 * watches do not take a quiet stream for a dead one. The client leaving (the request's signal,
 * or the stream cancelled) is cancellation.
 */
import type { SchedulerLike, Subscription } from 'rxjs';
import type { JSONRPCMessage, JSONRPCRequest } from '../../protocol/jsonrpc.js';
import type { ConnectableServer } from '../connectable.js';
import type { HttpAnswer } from './http-answer.js';
import { emptyAnswer, jsonAnswer } from './http-utils.js';
import { requestFactsOf } from './request-facts.js';
import { openSseConnection, type SseConnection } from './sse-connection.js';

/**
 * Answers one modern POST. Notifications get 202 (this revision defines none over HTTP).
 * `keepAliveInterval` 0 sends no keep-alive comments.
 *
 * @example
 * if (isModernMessage(message, request.headers.get('mcp-protocol-version'))) return serveModernPost(server, message, request, scheduler, 15_000);
 */
export function serveModernPost(
  server: Required<Pick<ConnectableServer, 'serveModern'>>,
  message: JSONRPCMessage,
  request: Request,
  scheduler: SchedulerLike,
  keepAliveInterval = 15_000,
): Promise<HttpAnswer> {
  if (!('method' in message) || !('id' in message) || message.id === undefined)
    return Promise.resolve(emptyAnswer(202));
  return new Promise<HttpAnswer>((resolve) => {
    let stream: SseConnection | undefined;
    let answered = false;
    let subscription: Subscription | undefined = undefined;
    const answer = (response: HttpAnswer) => {
      answered = true;
      resolve(response);
    };
    const headers = request.headers;
    subscription = server
      .serveModern(message as JSONRPCRequest, {
        header: (name) => headers.get(name) ?? undefined,
        ...requestFactsOf(request),
      })
      .subscribe({
        next: ({ message: reply, status }) => {
          if (answered && !stream) return;
          if (status !== undefined && !stream) {
            answer(jsonAnswer(reply, status));
            return;
          }
          if (!stream) {
            stream = openSseConnection({ keepAliveInterval, scheduler });
            stream.onClose(() => subscription?.unsubscribe());
            answer(stream.answer);
          }
          stream.send(JSON.stringify(reply), { event: 'message' });
          if (status !== undefined) stream.end();
        },
        complete: () => {
          if (stream) stream.end();
          else if (!answered) answer(emptyAnswer(200));
        },
      });
    const signal = request.signal;
    const served = subscription;
    const onAbort = () => {
      served.unsubscribe();
      if (!answered) answer(emptyAnswer(499));
    };
    if (served.closed) return;
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    served.add(() => signal.removeEventListener('abort', onAbort));
  });
}
