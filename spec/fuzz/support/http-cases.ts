/**
 * HTTP requests to a Streamable HTTP endpoint with every part mutated, each part carrying what
 * the spec (MCP 2025-11-25, Streamable HTTP) says of it, and the set of answers the spec allows
 * for the whole request.
 */
import * as fc from 'fast-check';
import { SUPPORTED_PROTOCOL_VERSIONS } from '../../../lib/protocol/versions.js';
import { anyFrameText } from './arbitraries.js';
import { classify, tryParse } from './jsonrpc-oracle.js';

/** The largest body the endpoint under test accepts. */
export const MAX_BODY_BYTES = 2048;

/** A header value and whether the spec's check of it passes. */
interface Judged {
  value: string | undefined;
  ok: boolean;
}

const junk = fc.stringMatching(/^[a-z0-9;=, .-]{0,16}$/);

const acceptHeader = fc.oneof(
  fc.constantFrom<{ value: string | undefined; json: boolean; sse: boolean }>(
    { value: undefined, json: false, sse: false },
    { value: 'application/json, text/event-stream', json: true, sse: true },
    { value: 'text/event-stream, application/json;q=0.5', json: true, sse: true },
    { value: '*/*', json: true, sse: true },
    { value: 'application/*, text/*', json: true, sse: true },
    { value: 'application/json', json: true, sse: false },
    { value: 'text/event-stream', json: false, sse: true },
    { value: 'application/json;q=0, text/event-stream', json: false, sse: true },
    { value: 'text/html', json: false, sse: false },
  ),
  junk.map((value) => ({ value, json: false, sse: false })),
);

const contentType = fc.oneof(
  fc.constantFrom<Judged>(
    { value: 'application/json', ok: true },
    { value: 'application/json; charset=utf-8', ok: true },
    { value: 'Application/JSON', ok: true },
    { value: undefined, ok: false },
    { value: 'text/plain', ok: false },
    { value: 'application/jsonx', ok: false },
    { value: 'application/x-www-form-urlencoded', ok: false },
  ),
  junk.map((value): Judged => ({ value, ok: false })),
);

const protocolVersion = fc.oneof(
  fc.constantFrom<Judged>(
    { value: undefined, ok: true },
    ...SUPPORTED_PROTOCOL_VERSIONS.map((value) => ({ value, ok: true })),
    { value: '1999-01-01', ok: false },
    { value: '', ok: false },
  ),
  junk.filter((value) => !SUPPORTED_PROTOCOL_VERSIONS.includes(value)).map((value): Judged => ({ value, ok: false })),
);

/** Which session id a request names. */
export type SessionChoice = 'none' | 'empty' | 'live' | 'unknown';

const id = fc.oneof(fc.integer({ min: 1, max: 1e6 }), fc.string({ minLength: 1, maxLength: 6 }));
const message = (value: Record<string, unknown>) => JSON.stringify({ jsonrpc: '2.0', ...value });

/** A body sized around the limit: a ping padded to `MAX_BODY_BYTES + delta` bytes. */
export const sizedBody = fc.integer({ min: -3, max: 3 }).map((delta) => {
  const bare = message({ id: 7, method: 'ping', params: { pad: '' } });
  return message({ id: 7, method: 'ping', params: { pad: 'x'.repeat(MAX_BODY_BYTES + delta - bare.length) } });
});

const body = fc.oneof(
  { weight: 3, arbitrary: id.map((value) => message({ id: value, method: 'ping' })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(id, fc.string({ maxLength: 20 }))
      .map(([value, text]) =>
        message({ id: value, method: 'tools/call', params: { name: 'echo', arguments: { text } } }),
      ),
  },
  { weight: 1, arbitrary: id.map((value) => message({ id: value, method: 'no/such/method' })) },
  {
    weight: 1,
    arbitrary: id.map((value) =>
      message({
        id: value,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'fuzz', version: '0' } },
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      message({ method: 'notifications/initialized' }),
      message({ method: 'notifications/cancelled', params: { requestId: 99 } }),
      message({ id: 12345, result: {} }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(
        id.map((value) => JSON.parse(message({ id: value, method: 'ping' }))),
        { minLength: 1, maxLength: 3 },
      )
      .map((batch) => JSON.stringify(batch)),
  },
  { weight: 2, arbitrary: sizedBody },
  { weight: 4, arbitrary: anyFrameText },
  { weight: 1, arbitrary: fc.constant('') },
);

/** Headers a request may carry besides the ones the spec looks at (never framing headers). */
const extraHeaders = fc.dictionary(
  fc.stringMatching(/^x-[a-z0-9-]{1,12}$/),
  fc.stringMatching(/^[\x20-\x7e]{0,40}$/).map((value) => value.trim()),
  { maxKeys: 3 },
);

export interface HttpCase {
  method: string;
  accept: { value: string | undefined; json: boolean; sse: boolean };
  contentType: Judged;
  session: SessionChoice;
  protocolVersion: Judged;
  lastEventId: string | undefined;
  body: string | undefined;
  chunked: boolean;
  extraHeaders: Record<string, string>;
}

export const httpCase: fc.Arbitrary<HttpCase> = fc.record({
  method: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom('POST', 'GET', 'DELETE') },
    { weight: 1, arbitrary: fc.constantFrom('PUT', 'PATCH', 'OPTIONS', 'HEAD') },
  ),
  accept: acceptHeader,
  contentType,
  session: fc.constantFrom<SessionChoice>('none', 'empty', 'live', 'live', 'live', 'unknown'),
  protocolVersion,
  lastEventId: fc.option(fc.stringMatching(/^[a-z0-9_-]{1,12}$/), { nil: undefined, freq: 4 }),
  body: fc.option(body, { nil: undefined, freq: 8 }),
  chunked: fc.boolean(),
  extraHeaders,
});

/** What the spec allows as an answer: HTTP statuses, and what a refusal's JSON-RPC code may be. */
export interface Allowed {
  /** Statuses of refusals, each for a defect the request has (empty: the request is fine). */
  refusals: Map<number, number | undefined>;
  /** Statuses of success, if the request is fine. */
  success: number[];
  /** The request id a successful POST must be answered for, if it is a request. */
  answerId?: unknown;
  /** Whether a success opens a new session (an initialize). */
  opensSession: boolean;
  /** Whether a success ends the live session (a DELETE). */
  endsSession: boolean;
}

/** Text as it arrives over UTF-8 (lone surrogates become U+FFFD). */
export const utf8 = (text: string): string => new TextDecoder().decode(new TextEncoder().encode(text));

/**
 * The answers the spec allows. A request with several defects may be refused for any of them
 * (the spec orders no checks); one without gets a success.
 */
export function allowedAnswers(request: HttpCase): Allowed {
  const refusals = new Map<number, number | undefined>();
  const refuse = (status: number, code?: number) => refusals.set(status, refusals.get(status) ?? code);
  const allowed: Allowed = { refusals, success: [], opensSession: false, endsSession: false };
  const sessionChecks = () => {
    if (request.session === 'none' || request.session === 'empty') refuse(400);
    if (request.session === 'unknown') refuse(404, -32001);
    if (!request.protocolVersion.ok) refuse(400);
  };
  if (request.method === 'POST') {
    if (!request.accept.json || !request.accept.sse) refuse(406);
    if (!request.contentType.ok) refuse(415);
    const text = utf8(request.body ?? '');
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) refuse(413);
    const parsed = tryParse(text);
    if (!parsed.ok) refuse(400, -32700);
    else if (Array.isArray(parsed.value)) refuse(400, -32600);
    else if (classify(parsed.value) === 'invalid') refuse(400, -32600);
    else {
      const value = parsed.value as Record<string, unknown>;
      const kind = classify(value);
      if (kind === 'request' && value['method'] === 'initialize') {
        if (request.session === 'live') refuse(400, -32600);
        allowed.opensSession = true;
      } else sessionChecks();
      if (kind === 'request') allowed.answerId = value['id'];
      allowed.success = kind === 'request' ? [200] : [202];
    }
  } else if (request.method === 'GET') {
    if (!request.accept.sse) refuse(406);
    sessionChecks();
    if (request.lastEventId !== undefined) refuse(400);
    // 409: the previous case's stream may not have been seen closed yet.
    allowed.success = [200, 409];
  } else if (request.method === 'DELETE') {
    sessionChecks();
    allowed.success = [200];
    allowed.endsSession = true;
  } else {
    refuse(405);
  }
  if (refusals.size > 0) allowed.success = [];
  return allowed;
}
