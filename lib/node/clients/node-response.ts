/**
 * @module
 * A web `Response` over a Node `IncomingMessage` that builds no web stream unless asked: an MCP
 * client reads most answers whole (`text()`), and a `ReadableStream` with an undici `Response`
 * around it costs more than the rest of a small POST's handling.
 */
import type { IncomingMessage } from 'node:http';

/** Statuses whose `Response` has no body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The `Response` of a `node:http` exchange: `status`, `ok`, `statusText`, `headers` (a real
 * `Headers`), `url`, `redirected`, `type`, and a body read once through `text()`, `json()`,
 * `arrayBuffer()` (straight from the socket) or `body` (a `ReadableStream`, made on first use).
 *
 * @example
 * req.on('response', (res) => resolve(new NodeResponse(res, url) as unknown as Response));
 */
export class NodeResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: Headers;
  readonly url: string;
  readonly redirected = false;
  readonly type = 'basic';
  readonly #res: IncomingMessage;
  #stream: ReadableStream<Uint8Array> | null | undefined;
  #used = false;

  constructor(res: IncomingMessage, url: string) {
    this.#res = res;
    this.url = url;
    this.status = res.statusCode ?? 0;
    this.statusText = res.statusMessage ?? '';
    this.ok = this.status >= 200 && this.status <= 299;
    this.headers = new Headers();
    const raw = res.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) this.headers.append(raw[i]!, raw[i + 1]!);
    if (NULL_BODY_STATUSES.has(this.status)) {
      res.resume();
      this.#stream = null;
    }
  }

  /** The body as a stream, created on first access (`null` for 101, 204, 205 and 304). */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.#stream === undefined) this.#stream = this.#used ? null : streamOf(this.#res);
    return this.#stream;
  }

  /** Whether the body has been read (or its stream taken and read from). */
  get bodyUsed(): boolean {
    return this.#used || (this.#stream !== undefined && this.#stream !== null && this.#stream.locked);
  }

  async text(): Promise<string> {
    return (await this.#bytes()).toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#bytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  /** The whole body, once: from the stream if it was taken, else straight from the message. */
  #bytes(): Promise<Buffer> {
    if (this.bodyUsed) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#used = true;
    if (this.#stream === null) return Promise.resolve(Buffer.alloc(0));
    if (this.#stream) return new Response(this.#stream).arrayBuffer().then((buffer) => Buffer.from(buffer));
    const res = this.#res;
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
      res.on('error', reject);
      res.on('close', () => {
        if (!res.complete) reject(new Error('The response ended before its body was complete'));
      });
    });
  }
}

/** The message's body as a `ReadableStream`, paced by the reader. */
function streamOf(res: IncomingMessage): ReadableStream<Uint8Array> {
  // Once the stream is closed, errored or cancelled, later events of the message are ignored.
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const finish = (end: () => void) => {
        if (!open) return;
        open = false;
        end();
      };
      res.on('data', (chunk: Buffer) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) res.pause();
      });
      res.on('end', () => finish(() => controller.close()));
      res.on('error', (error) => finish(() => controller.error(error)));
      res.on('close', () => {
        if (!res.complete) finish(() => controller.error(new Error('The response ended before its body was complete')));
      });
    },
    pull() {
      res.resume();
    },
    cancel(reason) {
      open = false;
      // A finished or finite body is drained so the connection is reused; an event stream,
      // which need never end, is cut off.
      const endless =
        !res.complete && (res.headers['content-type'] ?? '').toLowerCase().startsWith('text/event-stream');
      if (endless) res.destroy(reason instanceof Error ? reason : undefined);
      else res.resume();
    },
  });
}
