// Raw bytes into `rxmcp run` over stdio: every bad input gets the JSON-RPC error the spec names,
// frames may arrive in any pieces, large frames pass, stdout carries nothing but JSON-RPC, and the
// process exits by itself when stdin closes.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { binPath, BUILD_TIMEOUT_MS, ensureBuiltCli, everythingServer, root } from './built-cli.js';

type Message = {
  jsonrpc: string;
  id?: string | number | null;
  method?: string;
  params?: unknown;
  result?: any;
  error?: { code: number; message: string; data?: unknown };
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** `rxmcp run <file>` as a child process, spoken to in raw bytes. */
class RawServer {
  readonly child: ChildProcessWithoutNullStreams;
  /** Every stdout line that is not a JSON-RPC message. */
  readonly garbage: string[] = [];
  readonly messages: Message[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly consumed = new Set<Message>();
  /** The pieces of the current, unterminated stdout line. */
  private buffered: string[] = [];
  private wake: () => void = () => undefined;

  constructor(file: string) {
    this.child = spawn(process.execPath, [binPath, 'run', file], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((done) => this.child.once('exit', (code, signal) => done({ code, signal })));
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      const lines = chunk.split('\n');
      const last = lines.pop()!;
      for (const line of lines) {
        this.accept(this.buffered.join('') + line);
        this.buffered = [];
      }
      if (last !== '') this.buffered.push(last);
      this.wake();
    });
    this.child.stdout.on('end', () => {
      if (this.buffered.length > 0) this.accept(this.buffered.join(''));
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
  }

  private accept(line: string): void {
    let message: Message;
    try {
      message = JSON.parse(line) as Message;
    } catch {
      this.garbage.push(line);
      return;
    }
    const isResponse = 'id' in message && ('result' in message || 'error' in message);
    const isRequestOrNotification = typeof message.method === 'string';
    if (message?.jsonrpc !== '2.0' || !(isResponse || isRequestOrNotification)) this.garbage.push(line);
    else this.messages.push(message);
  }

  write(data: string | Buffer): Promise<void> {
    return new Promise((done, fail) => this.child.stdin.write(data, (error) => (error ? fail(error) : done())));
  }

  send(message: object): Promise<void> {
    return this.write(`${JSON.stringify(message)}\n`);
  }

  /** The first message not taken yet that matches `predicate`, waiting up to `ms` for it. */
  async take(predicate: (message: Message) => boolean = () => true, ms = 15_000): Promise<Message> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.messages.find((message) => !this.consumed.has(message) && predicate(message));
      if (found) {
        this.consumed.add(found);
        return found;
      }
      if (Date.now() > deadline)
        throw new Error(
          `No matching message within ${ms} ms; untaken: ${JSON.stringify(this.untaken()).slice(0, 500)}`,
        );
      await new Promise<void>((done) => {
        const timer = setTimeout(done, 50);
        this.wake = () => {
          clearTimeout(timer);
          done();
        };
      });
    }
  }

  response(id: string | number | null, ms?: number): Promise<Message> {
    return this.take((message) => message.id === id && message.method === undefined, ms);
  }

  untaken(): Message[] {
    return this.messages.filter((message) => !this.consumed.has(message));
  }

  async initialize(): Promise<void> {
    await this.send({
      jsonrpc: '2.0',
      id: 'init',
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1.0.0' } },
    });
    expect((await this.response('init', 60_000)).result).toMatchObject({ protocolVersion: '2025-11-25' });
    await this.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

beforeAll(ensureBuiltCli, BUILD_TIMEOUT_MS);

describe('rxmcp run over stdio, fed raw bytes', () => {
  let server: RawServer;
  beforeAll(async () => {
    server = new RawServer(everythingServer);
    await server.initialize();
  });
  afterAll(() => server.kill());
  afterEach(() => {
    // Each test takes every answer it caused: nothing unexpected may be left over.
    expect(server.untaken()).toEqual([]);
  });

  it('answers invalid JSON with -32700 and id null', async () => {
    for (const frame of ['{oops', '{"jsonrpc":"2.0","id":1,"method":"ping"', 'nul', '{"a":1}}']) {
      await server.write(`${frame}\n`);
      const answer = await server.take();
      expect(answer).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
      expect(typeof answer.error!.message).toBe('string');
    }
  });

  it('answers JSON that is not a JSON-RPC message with -32600', async () => {
    for (const frame of [
      '{"foo":1}',
      '[1,2]',
      '[]',
      '"hello"',
      '42',
      'null',
      '{"jsonrpc":"2.0","id":{},"method":"ping"}',
    ]) {
      await server.write(`${frame}\n`);
      expect(await server.take()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32600 } });
    }
  });

  it('keeps the id of an invalid request that has one', async () => {
    await server.write('{"jsonrpc":"2.0","id":3}\n');
    expect(await server.take()).toMatchObject({ id: 3, error: { code: -32600 } });
    await server.write('{"jsonrpc":"1.0","id":"old","method":"ping"}\n');
    expect(await server.take()).toMatchObject({ id: 'old', error: { code: -32600 } });
  });

  it('answers an unknown method with -32601 and the id', async () => {
    await server.send({ jsonrpc: '2.0', id: 4, method: 'no/such/method' });
    expect(await server.take()).toMatchObject({ id: 4, error: { code: -32601 } });
    await server.send({ jsonrpc: '2.0', id: 'str-id', method: 'tools/execute', params: {} });
    expect(await server.take()).toMatchObject({ id: 'str-id', error: { code: -32601 } });
  });

  it('answers bad params with -32602 and the id', async () => {
    const bad = [
      { method: 'tools/call', params: {} },
      { method: 'tools/call', params: { name: 42 } },
      { method: 'tools/call', params: { name: 'no_such_tool' } },
      { method: 'resources/read', params: { uri: 5 } },
      { method: 'prompts/get', params: {} },
      { method: 'logging/setLevel', params: { level: 'loud' } },
      { method: 'completion/complete', params: { ref: { type: 'ref/prompt' } } },
    ];
    for (const [index, request] of bad.entries()) {
      await server.send({ jsonrpc: '2.0', id: `bad-${index}`, ...request });
      const answer = await server.take();
      expect({ method: request.method, answer }).toMatchObject({
        method: request.method,
        answer: { id: `bad-${index}`, error: { code: -32602 } },
      });
    }
  });

  it('does not answer notifications or stray responses', async () => {
    await server.send({ jsonrpc: '2.0', method: 'notifications/no-such-thing', params: {} });
    await server.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'never-sent' } });
    await server.send({ jsonrpc: '2.0', id: 'nobody-asked', result: {} });
    await server.send({ jsonrpc: '2.0', id: 'nobody-asked-2', error: { code: -32000, message: 'x' } });
    await server.send({ jsonrpc: '2.0', id: 'after', method: 'ping' });
    expect(await server.take()).toEqual({ jsonrpc: '2.0', id: 'after', result: {} });
  });

  it('reads a frame split across writes, also inside multi-byte UTF-8 characters', async () => {
    const name = 'héllo wörld 😀 世界';
    const bytes = Buffer.from(
      `${JSON.stringify({ jsonrpc: '2.0', id: 'split', method: 'tools/call', params: { name: 'json_schema_2020_12_tool', arguments: { name } } })}\n`,
    );
    const emoji = bytes.indexOf(Buffer.from('😀'));
    const han = bytes.indexOf(Buffer.from('世'));
    const cuts = [5, bytes.indexOf(Buffer.from('é')) + 1, emoji + 1, emoji + 3, han + 2, bytes.length - 1];
    let start = 0;
    for (const cut of cuts) {
      await server.write(bytes.subarray(start, cut));
      start = cut;
      await sleep(15);
    }
    expect(server.untaken()).toEqual([]); // nothing before the newline
    await server.write(bytes.subarray(start));
    const answer = await server.response('split');
    expect(answer.result).toEqual({ content: [{ type: 'text', text: `Received: ${JSON.stringify({ name })}` }] });
  });

  it('reads several frames in one write, CRLF endings and blank lines', async () => {
    await server.write(
      '{"jsonrpc":"2.0","id":"a","method":"ping"}\n\n{"jsonrpc":"2.0","id":"b","method":"ping"}\r\n  \n{"jsonrpc":"2.0","id":"c","method":"ping"}\n',
    );
    expect(await server.take()).toEqual({ jsonrpc: '2.0', id: 'a', result: {} });
    expect(await server.take()).toEqual({ jsonrpc: '2.0', id: 'b', result: {} });
    expect(await server.take()).toEqual({ jsonrpc: '2.0', id: 'c', result: {} });
  });

  it('carries on with an in-flight request while answering a malformed frame', async () => {
    await server.send({
      jsonrpc: '2.0',
      id: 'slow',
      method: 'tools/call',
      params: { name: 'test_tool_with_progress', arguments: {} },
    });
    await server.write('{broken\n');
    expect(await server.take((message) => message.id === null)).toMatchObject({ error: { code: -32700 } });
    expect((await server.response('slow')).result).toEqual({
      content: [{ type: 'text', text: 'Tool with progress executed successfully' }],
    });
  });

  it('handles 5 MB frames', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    await server.send({ jsonrpc: '2.0', id: 'big-ping', method: 'ping', params: { padding: big } });
    expect(await server.take()).toEqual({ jsonrpc: '2.0', id: 'big-ping', result: {} });

    await server.send({
      jsonrpc: '2.0',
      id: 'big-call',
      method: 'tools/call',
      params: { name: 'json_schema_2020_12_tool', arguments: { name: big } },
    });
    const answer = await server.take();
    expect(answer.id).toBe('big-call');
    const text = answer.result.content[0].text as string;
    expect(text.length).toBe(big.length + 'Received: {"name":""}'.length);
    expect(text === `Received: {"name":"${big}"}`).toBe(true);
  });

  it('refuses a frame over the 16 MiB limit with an error and reads on', async () => {
    await server.write(
      `{"jsonrpc":"2.0","id":"huge","method":"ping","params":{"padding":"${'y'.repeat(17 * 1024 * 1024)}"}}\n`,
    );
    expect(await server.take()).toMatchObject({ id: null, error: { code: -32600 } });
    await server.send({ jsonrpc: '2.0', id: 'after-huge', method: 'ping' });
    expect(await server.take()).toEqual({ jsonrpc: '2.0', id: 'after-huge', result: {} });
  });

  it('still answers ping and tools/call after all of that', async () => {
    await server.send({ jsonrpc: '2.0', id: 'final-ping', method: 'ping' });
    expect(await server.take()).toEqual({ jsonrpc: '2.0', id: 'final-ping', result: {} });
    await server.send({
      jsonrpc: '2.0',
      id: 'final-call',
      method: 'tools/call',
      params: { name: 'test_simple_text', arguments: {} },
    });
    expect(await server.take()).toEqual({
      jsonrpc: '2.0',
      id: 'final-call',
      result: { content: [{ type: 'text', text: 'This is a simple text response for testing.' }] },
    });
  });

  it('wrote nothing but JSON-RPC messages on stdout', () => {
    expect(server.garbage).toEqual([]);
    expect(server.messages.length).toBeGreaterThan(30);
  });

  it('exits with code 0 by itself soon after stdin closes', async () => {
    const closedAt = Date.now();
    server.child.stdin.end();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const exit = await Promise.race([
      server.exited,
      new Promise((done) => (timer = setTimeout(done, 5000, 'still running'))),
    ]);
    clearTimeout(timer);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - closedAt).toBeLessThan(3000);
    expect(server.garbage).toEqual([]);
  });
});

describe('rxmcp run over stdio, with a server module that writes to the console', () => {
  const noisy = 'spec/everything/fixtures/noisy-server.ts';
  let server: RawServer;
  beforeAll(async () => {
    server = new RawServer(noisy);
    await server.initialize();
    await server.send({ jsonrpc: '2.0', id: 'shout', method: 'tools/call', params: { name: 'shout', arguments: {} } });
    expect((await server.response('shout')).result).toEqual({ content: [{ type: 'text', text: 'shouted' }] });
    server.child.stdin.end();
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
  afterAll(() => server.kill());

  it('sends console output of tools to stderr, not stdout', () => {
    expect(server.stderr).toContain('noisy-server: console.log in a tool');
    expect(server.stderr).toContain('noisy-server: console.info in a tool');
    expect(server.stderr).toContain('noisy-server: console.debug in a tool');
    expect(server.stderr).toContain("noisy: 'dir'");
    expect(server.garbage.filter((line) => !line.includes('while the module loads'))).toEqual([]);
  });

  // The CLI redirects the console before it imports the module, so import-time output is safe too.
  it('sends console output written while the module loads to stderr, not stdout', () => {
    expect(server.stderr).toContain('noisy-server: console.log while the module loads');
    expect(server.garbage).toEqual([]);
  });
});
