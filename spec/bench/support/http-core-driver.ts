/**
 * @module
 * One measurement of `npm run bench:http-core`: the CPU a 2025 Streamable HTTP `tools/call`
 * costs in rxmcp's Node handler (`createStreamableHttpHandler`), from the request's
 * `IncomingMessage` to its written `ServerResponse`, with no socket: requests and responses run
 * on in-memory duplexes, so no system call or wake-up of another process is measured, only the
 * JavaScript of the request path (the HTTP parsing of a real socket excepted). Which rxmcp build
 * it measures is the `rxmcp` it resolves (the bench's `--baseline` hooks).
 *
 * Argument: `{"calls":N,"concurrency":C,"warmup":W}`; prints `{"type":"result",...}` on stdout.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';
import { createStreamableHttpHandler } from 'rxmcp/node';
import { RAW_PROTOCOL_VERSION } from './common.js';
import { createRxmcpServer } from '../servers/rxmcp-common.js';

const { calls, concurrency, warmup } = JSON.parse(process.argv[2] ?? '{}') as Record<string, number>;

/** A socket that keeps what is written while `capture` is on. */
class MemorySocket extends Duplex {
  written = '';
  capture = false;
  override _read(): void {}
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    if (this.capture) this.written += chunk.toString();
    done();
  }
}

const handler = createStreamableHttpHandler(createRxmcpServer());
const sockets = Array.from({ length: Math.max(1, concurrency) }, () => new MemorySocket());

/** One POST through the handler on socket `slot`; resolves when its response is finished. */
function post(body: string, headers: Record<string, string>, slot = 0): Promise<void> {
  const socket = sockets[slot]!;
  return new Promise((resolve) => {
    const req = new IncomingMessage(socket as never);
    req.method = 'POST';
    req.url = '/mcp';
    req.headers = {
      host: '127.0.0.1:3000',
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'keep-alive',
      ...headers,
    };
    const res = new ServerResponse(req);
    res.assignSocket(socket as never);
    res.once('finish', () => {
      res.detachSocket(socket as never);
      resolve();
    });
    handler.handle(req, res);
    // The body arrives after the headers, as from a socket.
    setImmediate(() => {
      req.push(Buffer.from(body));
      req.complete = true;
      req.push(null);
    });
  });
}

const first = sockets[0]!;
first.capture = true;
await post(
  JSON.stringify({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: { protocolVersion: RAW_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'core', version: '1' } },
  }),
  {},
);
const sessionId = /mcp-session-id: (\S+)/i.exec(first.written)?.[1];
if (!sessionId) throw new Error(`no session id in: ${first.written.slice(0, 300)}`);
const inSession = { 'mcp-session-id': sessionId, 'mcp-protocol-version': RAW_PROTOCOL_VERSION };
await post(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }), inSession);

const callBody = (id: number) =>
  `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"echo","arguments":{"text":"hello"}}}`;
let nextId = 1;
async function run(count: number): Promise<void> {
  for (let done = 0; done < count; done += concurrency) {
    const batch = Math.min(concurrency, count - done);
    await Promise.all(Array.from({ length: batch }, (_, slot) => post(callBody(nextId++), inSession, slot)));
  }
}

// The answer is checked once, so a broken build cannot measure fast.
first.written = '';
await run(1);
if (!first.written.includes('"text":"hello"')) throw new Error(`unexpected answer: ${first.written.slice(0, 300)}`);
first.capture = false;
await run(warmup);
const cpu = process.cpuUsage();
const start = performance.now();
await run(calls);
const used = process.cpuUsage(cpu);
const wallUs = ((performance.now() - start) * 1000) / calls;
process.stdout.write(
  `${JSON.stringify({ type: 'result', wallUsPerCall: wallUs, cpuUsPerCall: (used.user + used.system) / calls })}\n`,
);
handler.close();
process.exit(0);
