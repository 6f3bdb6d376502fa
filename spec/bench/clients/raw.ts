// The raw baseline client driver: JSON-RPC by hand (RawRpc) over each transport. HTTP transports
// use a node:http keep-alive Agent (`raw`) or fetch (`raw-fetch`).
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { WebSocket } from 'ws';
import { ECHO_TOOL, MODERN_PROTOCOL_VERSION, RAW_PROTOCOL_VERSION } from '../support/common.js';
import { runDriver, type BenchConnection } from '../support/driver.js';
import { RawRpc, type RawMessage } from '../support/raw-rpc.js';
import { parseSseBody, sseStream } from '../support/sse-parser.js';
import type { DriverConfig } from '../support/types.js';
import type { InProcessServer } from '../servers/in-process.js';

const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

interface HttpResponse {
  status: number;
  headers: Headers | IncomingHttpHeaders;
  body: string;
}

type Post = (url: string, body: string, headers: Record<string, string>, method?: string) => Promise<HttpResponse>;

/** POST (or DELETE) with node:http through the keep-alive agent. */
const agentPost: Post = (url, body, headers, method = 'POST') =>
  new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method, agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });

/** The same with fetch. */
const fetchPost: Post = async (url, body, headers, method = 'POST') => {
  const res = await fetch(url, { method, headers, body: method === 'DELETE' ? undefined : body });
  return { status: res.status, headers: res.headers, body: await res.text() };
};

const header = (headers: Headers | IncomingHttpHeaders, name: string): string | undefined =>
  headers instanceof Headers ? (headers.get(name) ?? undefined) : (headers[name] as string | undefined);

async function connect(config: DriverConfig): Promise<BenchConnection> {
  const post = config.client === 'raw-fetch' ? fetchPost : agentPost;
  switch (config.transport) {
    case 'memory':
      return connectMemory(config);
    case 'stdio':
    case 'stdio-2026':
      return connectStdio(config);
    case 'http-2026':
      return connectModernHttp(config.url!, post);
    case 'ws':
      return connectWs(config.url!);
    case 'http-sse':
    case 'http-json':
      return connectStreamable(config.url!, post);
    case 'sse':
      return config.client === 'raw-fetch' ? connectLegacyFetch(config.url!) : connectLegacyAgent(config.url!);
  }
}

async function ready(
  rpc: RawRpc,
  close: () => Promise<void>,
  serverPid?: number,
  modern = false,
): Promise<BenchConnection> {
  if (modern) await rpc.discover();
  else await rpc.initialize();
  return { call: (text) => rpc.echo(text, modern), close, serverPid };
}

async function connectMemory(config: DriverConfig): Promise<BenchConnection> {
  const { serveInProcess } = (await import(`../servers/${config.server}-memory.js`)) as {
    serveInProcess: InProcessServer;
  };
  let connection: Awaited<ReturnType<InProcessServer>> | undefined;
  const rpc = new RawRpc((message) => connection!.send(message));
  connection = await serveInProcess((message) => rpc.receive(message as RawMessage));
  return ready(rpc, async () => connection!.close());
}

async function connectStdio(config: DriverConfig): Promise<BenchConnection> {
  const { command, args } = config.serverCommand!;
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const rpc = new RawRpc((message) => child.stdin.write(`${JSON.stringify(message)}\n`));
  let buffer = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.trim()) rpc.receive(JSON.parse(line) as RawMessage);
    }
  });
  child.once('exit', (code) => rpc.closeAll(new Error(`server exited with ${code}`)));
  return ready(
    rpc,
    async () => {
      child.stdin.end();
      await exited;
    },
    child.pid,
    config.transport === 'stdio-2026',
  );
}

/** Streamable HTTP, 2026-07-28: one POST per request with its routing headers, no session, answers as JSON or SSE. */
async function connectModernHttp(url: string, post: Post): Promise<BenchConnection> {
  const base = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': MODERN_PROTOCOL_VERSION,
  };
  const fatal = (error: unknown) => rpc.closeAll(error instanceof Error ? error : new Error(String(error)));
  const rpc: RawRpc = new RawRpc((message) => {
    const name: Record<string, string> = message.method === 'tools/call' ? { 'mcp-name': ECHO_TOOL } : {};
    post(url, JSON.stringify(message), { ...base, 'mcp-method': message.method!, ...name })
      .then((res) => {
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body}`);
        const type = header(res.headers, 'content-type') ?? '';
        if (type.startsWith('text/event-stream')) {
          for (const event of parseSseBody(res.body)) rpc.receive(JSON.parse(event.data) as RawMessage);
        } else rpc.receive(JSON.parse(res.body) as RawMessage);
      })
      .catch(fatal);
  });
  return ready(rpc, async () => undefined, undefined, true);
}

async function connectWs(url: string): Promise<BenchConnection> {
  const socket = new WebSocket(url, 'mcp');
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const rpc = new RawRpc((message) => socket.send(JSON.stringify(message)));
  socket.on('message', (data) => rpc.receive(JSON.parse(data.toString()) as RawMessage));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.once('close', () => rpc.closeAll(new Error('socket closed')));
  return ready(rpc, async () => {
    socket.close();
    await closed;
  });
}

/** Streamable HTTP: one POST per message; the response is JSON or a short SSE stream. */
async function connectStreamable(url: string, post: Post): Promise<BenchConnection> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  const fatal = (error: unknown) => rpc.closeAll(error instanceof Error ? error : new Error(String(error)));
  const rpc: RawRpc = new RawRpc((message) => {
    post(url, JSON.stringify(message), headers)
      .then((res) => {
        if (res.status === 202) return;
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body}`);
        const sessionId = header(res.headers, 'mcp-session-id');
        if (sessionId) headers['mcp-session-id'] = sessionId;
        const type = header(res.headers, 'content-type') ?? '';
        if (type.startsWith('text/event-stream')) {
          for (const event of parseSseBody(res.body)) rpc.receive(JSON.parse(event.data) as RawMessage);
        } else {
          rpc.receive(JSON.parse(res.body) as RawMessage);
        }
      })
      .catch(fatal);
  });
  await rpc.initialize();
  headers['mcp-protocol-version'] = RAW_PROTOCOL_VERSION;
  return {
    call: (text) => rpc.echo(text),
    close: async () => {
      await post(url, '', headers, 'DELETE');
    },
  };
}

/** Legacy HTTP+SSE with node:http: a GET stream in, POSTs (202) out. */
async function connectLegacyAgent(url: string): Promise<BenchConnection> {
  let rpc: RawRpc | undefined;
  let endpoint: string | undefined;
  let closeStream = (): void => undefined;
  const opened = new Promise<void>((resolve, reject) => {
    const parse = sseStream((event) => {
      if (event.event === 'endpoint') {
        endpoint = new URL(event.data, url).href;
        resolve();
      } else rpc?.receive(JSON.parse(event.data) as RawMessage);
    });
    const req = httpRequest(url, { agent, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET ${url}: HTTP ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', parse);
      res.on('error', () => undefined);
      closeStream = () => {
        res.destroy();
        req.destroy();
      };
    });
    req.on('error', reject);
    req.end();
  });
  await opened;
  rpc = new RawRpc((message) => {
    agentPost(endpoint!, JSON.stringify(message), { 'content-type': 'application/json' })
      .then((res) => {
        if (res.status >= 300) throw new Error(`POST: HTTP ${res.status}: ${res.body}`);
      })
      .catch((error: Error) => rpc!.closeAll(error));
  });
  return ready(rpc, async () => closeStream());
}

/** Legacy HTTP+SSE with fetch: a streamed GET body in, fetch POSTs out. */
async function connectLegacyFetch(url: string): Promise<BenchConnection> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: abort.signal });
  if (res.status !== 200 || !res.body) throw new Error(`GET ${url}: HTTP ${res.status}`);
  let rpc: RawRpc | undefined;
  let resolveEndpoint: (endpoint: string) => void;
  const endpoint = new Promise<string>((resolve) => (resolveEndpoint = resolve));
  const parse = sseStream((event) => {
    if (event.event === 'endpoint') resolveEndpoint(new URL(event.data, url).href);
    else rpc?.receive(JSON.parse(event.data) as RawMessage);
  });
  void (async () => {
    const decoder = new TextDecoder();
    const reader = res.body!.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parse(decoder.decode(value, { stream: true }));
      }
    } catch {
      // Aborted on close.
    }
  })();
  const post = await endpoint;
  rpc = new RawRpc((message) => {
    fetchPost(post, JSON.stringify(message), { 'content-type': 'application/json' })
      .then((r) => {
        if (r.status >= 300) throw new Error(`POST: HTTP ${r.status}: ${r.body}`);
      })
      .catch((error: Error) => rpc!.closeAll(error));
  });
  return ready(rpc, async () => abort.abort());
}

runDriver(connect);
