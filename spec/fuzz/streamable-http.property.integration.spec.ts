// Property: the Streamable HTTP handler, sent requests over loopback with every part mutated
// (method, Accept, Content-Type, session id, protocol version, Last-Event-ID, body, framing),
// always gives a spec answer in time: a status the request's defects allow (or a success when
// it has none), a JSON-RPC error body with every refusal, a response to the request's id on a
// success, and no crash, hang or leaked session; the endpoint keeps serving throughout.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createParser } from 'eventsource-parser';
import * as fc from 'fast-check';
import { createStreamableHttpHandler, type StreamableHttpHandler } from '../../lib/node/http/index.js';
import { McpServer } from '../../lib/server/index.js';
import { checkAsyncProperty, propertyTimeout } from './support/fuzz-runs.js';
import { allowedAnswers, httpCase, MAX_BODY_BYTES, sizedBody, type HttpCase, utf8 } from './support/http-cases.js';
import { classify } from './support/jsonrpc-oracle.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('Streamable HTTP handler (property, loopback)', () => {
  let listener: http.Server;
  let endpoint: StreamableHttpHandler;
  let port = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    const server = new McpServer({ name: 'fuzz', version: '1.0.0' });
    server.tool('echo', { description: 'echo' }, (args) => JSON.stringify(args ?? null));
    endpoint = createStreamableHttpHandler(server, { maxBodyBytes: MAX_BODY_BYTES, keepAliveInterval: 0 });
    listener = http.createServer((req, res) => endpoint.handle(req, res));
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as AddressInfo).port;
  });

  afterAll(async () => {
    endpoint.close();
    agent.destroy();
    await new Promise((resolve) => listener.close(resolve));
  });

  /** Sends one request; a 200 GET stream is closed as soon as its head arrives. Rejects on a hang. */
  function send(
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    chunked = false,
  ): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port, path: '/mcp', method, headers, agent }, (response) => {
        const answer = { status: response.statusCode ?? 0, headers: response.headers };
        if (method === 'GET' && answer.status === 200) {
          clearTimeout(timer);
          response.destroy();
          resolve({ ...answer, body: '' });
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ ...answer, body: Buffer.concat(chunks).toString('utf8') });
        });
        response.on('error', reject);
      });
      const timer = setTimeout(() => {
        request.destroy();
        reject(new Error(`no answer within 10 s to ${method} ${JSON.stringify(headers)} ${body?.slice(0, 200)}`));
      }, 10_000);
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      // Node's client frames GET and DELETE bodies only when told how.
      if (body !== undefined)
        request.setHeader(
          chunked ? 'transfer-encoding' : 'content-length',
          chunked ? 'chunked' : String(Buffer.byteLength(body)),
        );
      request.end(body);
    });
  }

  const json = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };
  let live: string | undefined;

  async function liveSession(): Promise<string> {
    if (live) return live;
    const opened = await send(
      'POST',
      json,
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'fuzz', version: '0' } },
      }),
    );
    expect(opened.status).toBe(200);
    const id = opened.headers['mcp-session-id'] as string;
    const initialized = await send(
      'POST',
      { ...json, 'mcp-session-id': id },
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
    );
    expect(initialized.status).toBe(202);
    live = id;
    return id;
  }

  /** The JSON-RPC messages of a success body (JSON, or the data of SSE events). */
  function messagesOf(answer: Answer): unknown[] {
    if (String(answer.headers['content-type']).startsWith('text/event-stream')) {
      const messages: unknown[] = [];
      const parser = createParser({ onEvent: (event) => event.data !== '' && messages.push(JSON.parse(event.data)) });
      parser.feed(answer.body);
      return messages;
    }
    return [JSON.parse(answer.body)];
  }

  async function check(request: HttpCase): Promise<void> {
    const headers: Record<string, string> = { ...request.extraHeaders };
    if (request.accept.value !== undefined) headers['accept'] = request.accept.value;
    if (request.contentType.value !== undefined) headers['content-type'] = request.contentType.value;
    if (request.protocolVersion.value !== undefined) headers['mcp-protocol-version'] = request.protocolVersion.value;
    if (request.lastEventId !== undefined) headers['last-event-id'] = request.lastEventId;
    if (request.session === 'empty') headers['mcp-session-id'] = '';
    if (request.session === 'unknown') headers['mcp-session-id'] = 'no-such-session';
    if (request.session === 'live') headers['mcp-session-id'] = await liveSession();
    const body = request.body === undefined ? undefined : utf8(request.body);
    const answer = await send(request.method, headers, body, request.chunked);
    const allowed = allowedAnswers(request);
    const context = `${request.method} ${JSON.stringify(headers)} ${JSON.stringify(body?.slice(0, 300))} → ${answer.status} ${answer.body.slice(0, 300)}`;

    if (allowed.refusals.size > 0) {
      if (!allowed.refusals.has(answer.status))
        throw new Error(`refused with ${answer.status}, allowed ${[...allowed.refusals.keys()]}: ${context}`);
      if (request.method === 'HEAD') return;
      expect(String(answer.headers['content-type'])).toMatch(/^application\/json/);
      const error = JSON.parse(answer.body) as { id: unknown; error: { code: number } };
      if (classify(error) !== 'error') throw new Error(`refusal body is not a JSON-RPC error: ${context}`);
      const codes = [...allowed.refusals].filter(([status]) => status === answer.status).map(([, code]) => code);
      if (allowed.refusals.size === 1 && codes[0] !== undefined && error.error.code !== codes[0])
        throw new Error(`expected code ${codes[0]}: ${context}`);
      if (error.error.code === -32700 && ![...allowed.refusals.values()].includes(-32700))
        throw new Error(`-32700 for a body that parses: ${context}`);
      return;
    }
    if (!allowed.success.includes(answer.status)) throw new Error(`expected ${allowed.success}: ${context}`);
    if (answer.status === 409) return;
    if (allowed.endsSession) live = undefined;
    if (allowed.opensSession) {
      const opened = answer.headers['mcp-session-id'] as string | undefined;
      if (opened) expect((await send('DELETE', { 'mcp-session-id': opened }, undefined)).status).toBe(200);
    }
    if (allowed.answerId !== undefined) {
      const messages = messagesOf(answer);
      const last = messages[messages.length - 1] as { id?: unknown };
      if (!['result', 'error'].includes(classify(last)) || last.id !== allowed.answerId)
        throw new Error(`no response to ${JSON.stringify(allowed.answerId)}: ${context}`);
    } else if (request.method === 'POST') expect(answer.body).toBe('');
  }

  it(
    'refuses exactly the bodies over the limit, however they are framed',
    async () => {
      const post = (body: string, chunked: boolean): HttpCase => ({
        method: 'POST',
        accept: { value: 'application/json, text/event-stream', json: true, sse: true },
        contentType: { value: 'application/json', ok: true },
        session: 'live',
        protocolVersion: { value: undefined, ok: true },
        lastEventId: undefined,
        body,
        chunked,
        extraHeaders: {},
      });
      await checkAsyncProperty(
        'Streamable HTTP body sizes',
        fc.asyncProperty(sizedBody, fc.boolean(), (body, chunked) => check(post(body, chunked))),
        60,
      );
    },
    propertyTimeout(60_000),
  );

  it(
    'answers every mutated request as the spec says, in time, and keeps serving',
    async () => {
      await checkAsyncProperty('Streamable HTTP handler', fc.asyncProperty(httpCase, check), 250);
      // Still serving, and no session left behind but the live one.
      const id = await liveSession();
      const ping = await send(
        'POST',
        { ...json, 'mcp-session-id': id },
        JSON.stringify({ jsonrpc: '2.0', id: 'last', method: 'ping' }),
      );
      expect(JSON.parse(ping.body)).toEqual({ jsonrpc: '2.0', id: 'last', result: {} });
      expect(endpoint.sessionCount).toBe(1);
    },
    propertyTimeout(60_000),
  );
});
