/**
 * @module
 * A web `Request` over a Node `IncomingMessage` that copies nothing it is not asked for: what
 * the MCP endpoints read (method, URL, headers by name, the body as text, the abort signal) is
 * served from the Node request directly; anything else builds the full `Request` once and asks
 * it. (Building a `Request` with a body stream costs more per call than rxmcp's whole HTTP
 * handling did on `node:http`; `npm run bench`, the http-* cells.)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a Node request carries when a body parser (such as `express.json()`) already read it. */
type ParsedRequest = IncomingMessage & { body?: unknown };

/**
 * A web `Request` for a Node request: `instanceof Request`, and every `Request` member works.
 * Its body streams from `req` (or is the JSON a body parser already read); its `signal` aborts
 * when the client goes away before `res` has been sent (never without `res`, as for an upgrade).
 *
 * @example
 * const request = toWebRequest(req, res);
 * const answer = await handler.answer(request);
 */
export function toWebRequest(req: IncomingMessage, res?: ServerResponse, url = req.url ?? '/'): Request {
  return new NodeRequest(req, res, url) as unknown as Request;
}

/** The absolute URL of a Node request (from `Host`; `https` when the socket is TLS or `x-forwarded-proto` says so). */
function absoluteUrl(req: IncomingMessage, path: string): string {
  const host = req.headers.host;
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (typeof forwarded === 'string' ? forwarded : forwarded?.[0])?.split(',')[0]?.trim();
  const secure = proto === 'https' || (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const base = `${secure ? 'https' : 'http'}://${host && /^[\w.:[\]-]+$/.test(host) ? host : 'localhost'}`;
  return path.startsWith('/') ? `${base}${path}` : `${base}/${path}`;
}

class NodeHeaders {
  readonly #headers: IncomingMessage['headers'];
  #full: Headers | undefined = undefined;

  constructor(headers: IncomingMessage['headers']) {
    this.#headers = headers;
  }

  get(name: string): string | null {
    const value = this.#headers[name.toLowerCase()];
    if (value === undefined) return null;
    return typeof value === 'string' ? value : value.join(', ');
  }

  has(name: string): boolean {
    return this.#headers[name.toLowerCase()] !== undefined;
  }

  /** The full `Headers`, for every other member. */
  full(): Headers {
    if (!this.#full) {
      const full = new Headers();
      for (const [name, value] of Object.entries(this.#headers)) {
        if (typeof value === 'string') full.append(name, value);
        else if (value) for (const each of value) full.append(name, each);
      }
      this.#full = full;
    }
    return this.#full;
  }
}

class NodeRequest {
  readonly method: string;
  /** The request target; {@link url} makes it absolute when asked (most requests never are). */
  readonly #target: string;
  #url: string | undefined = undefined;
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse | undefined;
  #headers: NodeHeaders | undefined = undefined;
  #signal: AbortSignal | undefined = undefined;
  #body: ReadableStream<Uint8Array> | undefined = undefined;
  #full: Request | undefined = undefined;

  constructor(req: IncomingMessage, res: ServerResponse | undefined, target: string) {
    this.#req = req;
    this.#res = res;
    this.method = req.method ?? 'GET';
    this.#target = target;
  }

  get url(): string {
    return (this.#url ??= absoluteUrl(this.#req, this.#target));
  }

  get headers(): Headers {
    return (this.#headers ??= new NodeHeaders(this.#req.headers)) as unknown as Headers;
  }

  get signal(): AbortSignal {
    if (!this.#signal) {
      const controller = new AbortController();
      const res = this.#res;
      if (!res) {
        // No response to watch (a WebSocket upgrade): the signal never aborts.
      } else if (res.closed) controller.abort();
      else
        res.once('close', () => {
          if (!res.writableFinished) controller.abort();
        });
      this.#signal = controller.signal;
    }
    return this.#signal;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.method === 'GET' || this.method === 'HEAD') return null;
    return (this.#body ??= this.#parsed() !== undefined ? parsedStream(this.#parsed()!) : bodyStream(this.#req));
  }

  get bodyUsed(): boolean {
    return this.#body !== undefined || this.#req.readableEnded;
  }

  /** The body as text: the Node chunks joined once, with no web stream in between. */
  text(): Promise<string> {
    return new Promise((resolve, reject) => this.readTextInto(resolve, reject));
  }

  /** {@link text} by callback, with no promise (what the HTTP core reads a body with; see `CallbackBodyRequest`). */
  readTextInto(onText: (text: string) => void, onError: (error: unknown) => void): void {
    if (this.method === 'GET' || this.method === 'HEAD') return void queueMicrotask(() => onText(''));
    const parsed = this.#parsed();
    if (parsed !== undefined) return void queueMicrotask(() => onText(parsed));
    if (this.#body) return void new Response(this.#body).text().then(onText, onError);
    readText(this.#req, onText, onError);
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  /** The full `Request`, for every other member. */
  full(): Request {
    return (this.#full ??= new Request(this.url, {
      method: this.method,
      headers: (this.headers as unknown as NodeHeaders).full(),
      signal: this.signal,
      ...(this.body ? { body: this.body, duplex: 'half' } : {}),
    } as RequestInit));
  }

  /** The JSON a body parser already read, as text. */
  #parsed(): string | undefined {
    const parsed = (this.#req as ParsedRequest).body;
    return parsed !== undefined && this.#req.readableEnded ? JSON.stringify(parsed) : undefined;
  }
}

/**
 * Calls `onText` with the body of `req` as UTF-8 text, or `onError` (once, either); the plain form is
 * `new Promise((resolve, reject) => { const chunks = []; req.on('data', (c) => chunks.push(c)); req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8'))); req.once('error', reject); req.once('close', …) })`.
 * Per request it makes no chunk array for a body that comes in one chunk (the usual POST), and
 * `on` rather than `once` listeners (`once` wraps each listener in two more objects), and no
 * promise; `req` is dropped after.
 */
function readText(req: IncomingMessage, onText: (text: string) => void, onError: (error: unknown) => void): void {
  let first: Buffer | undefined;
  let rest: Buffer[] | undefined;
  let open = true;
  req.on('data', (chunk: Buffer) => {
    if (first === undefined) first = chunk;
    else (rest ??= [first]).push(chunk);
  });
  req.on('end', () => {
    if (!open) return;
    open = false;
    if (rest) onText(Buffer.concat(rest).toString('utf8'));
    else onText(first === undefined ? '' : first.toString('utf8'));
  });
  req.on('error', (error) => {
    if (!open) return;
    open = false;
    onError(error);
  });
  req.on('close', () => {
    if (!open || req.readableEnded) return;
    open = false;
    onError(new Error('the request closed before its body ended'));
  });
}

/** Every other member of `real` on `light` answers from the full object that `light.full()` builds. */
function delegateTheRest(light: { prototype: object }, real: { prototype: object }): void {
  for (const name of Reflect.ownKeys(real.prototype)) {
    if (name === 'constructor' || Object.prototype.hasOwnProperty.call(light.prototype, name)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(real.prototype, name)!;
    Object.defineProperty(light.prototype, name, {
      configurable: true,
      get(this: { full(): object }) {
        const full = this.full() as unknown as Record<string | symbol, unknown>;
        const value = full[name];
        return typeof value === 'function' && descriptor.value !== undefined
          ? (value as (...args: unknown[]) => unknown).bind(full)
          : value;
      },
    });
  }
  Object.setPrototypeOf(light.prototype, real.prototype);
}

delegateTheRest(NodeHeaders, Headers);
delegateTheRest(NodeRequest, Request);

function parsedStream(text: string): ReadableStream<Uint8Array> {
  return new Response(text).body!;
}

/** The request's body as a web stream, with back-pressure. */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const settle = (end: () => void) => {
        if (!open) return;
        open = false;
        end();
      };
      req.on('data', (chunk: Buffer) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.once('end', () => settle(() => controller.close()));
      req.once('error', (error) => settle(() => controller.error(error)));
      req.once('close', () => settle(() => controller.error(new Error('the request closed before its body ended'))));
    },
    pull() {
      req.resume();
    },
    cancel() {
      // Drop the rest of the upload, so the connection can carry the answer.
      open = false;
      req.resume();
    },
  });
}
