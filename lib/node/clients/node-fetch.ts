/**
 * @module
 * A `fetch` for the HTTP client transports on `node:http` / `node:https` (keep-alive agents):
 * several times cheaper per request than Node's built-in `fetch` (undici), which the MCP
 * traffic pattern (many small POSTs, a few long SSE streams) pays for on every call.
 */
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { FetchLike } from '../../transport/http/fetch-exchange.js';
import { NodeResponse } from './node-response.js';

/** Options of {@link createNodeFetch}. */
export interface NodeFetchOptions {
  /** The agent of `http:` URLs. @defaultValue `http.globalAgent` (keep-alive since Node 19) */
  httpAgent?: HttpAgent;
  /** The agent of `https:` URLs. @defaultValue `https.globalAgent` (keep-alive since Node 19) */
  httpsAgent?: HttpsAgent;
}

/**
 * Creates a `fetch` on `node:http` for the HTTP client transports' `fetch` option. It supports
 * what they use: a method, headers, a string body and an `AbortSignal` (which aborts the
 * request, or the response body once it has arrived); redirects are not followed. Its
 * responses are {@link NodeResponse}s: `Response`-shaped, with a web stream only if `body` is used.
 *
 * @example
 * const transport = createStreamableHttpClientTransport(url, { fetch: createNodeFetch() });
 */
export function createNodeFetch(options: NodeFetchOptions = {}): FetchLike {
  const { httpAgent, httpsAgent } = options;
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = typeof input === 'string' ? new URL(input) : input;
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const https = url.protocol === 'https:';
      const req = (https ? httpsRequest : httpRequest)(url, {
        method: init.method ?? 'GET',
        headers: headersOf(init.headers),
        agent: https ? httpsAgent : httpAgent,
      });
      let res: IncomingMessage | undefined;
      const onAbort = () => {
        const reason = signal!.reason;
        if (res) res.destroy(reason);
        else {
          req.destroy(reason);
          reject(reason);
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const forget = () => signal?.removeEventListener('abort', onAbort);
      req.on('error', (error) => {
        forget();
        reject(error);
      });
      req.on('response', (response: IncomingMessage) => {
        res = response;
        response.on('close', forget);
        resolve(new NodeResponse(response, url.href) as unknown as Response);
      });
      req.end(typeof init.body === 'string' ? init.body : undefined);
    });
}

function headersOf(headers: HeadersInit | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (!headers) return result;
  if (headers instanceof Headers) headers.forEach((value, name) => (result[name] = value));
  else if (Array.isArray(headers)) for (const [name, value] of headers) result[name!.toLowerCase()] = value!;
  else for (const name of Object.keys(headers)) result[name.toLowerCase()] = (headers as Record<string, string>)[name]!;
  return result;
}
