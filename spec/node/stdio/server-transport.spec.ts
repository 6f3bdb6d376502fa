import { PassThrough } from 'node:stream';
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { isMcpError } from '../../../lib/protocol/errors.js';
import { createStdioServerTransport, redirectConsoleToStderr } from '../../../lib/node/stdio/index.js';

const EVENTS = ['data', 'end', 'close', 'error', 'readable'] as const;
const listeners = (stream: NodeJS.EventEmitter, events: readonly string[] = EVENTS) =>
  Object.fromEntries(events.map((event) => [event, stream.listenerCount(event)]));

function streams() {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const written: string[] = [];
  stdout.on('data', (chunk: Buffer) => written.push(chunk.toString('utf8')));
  return { stdin, stdout, written };
}

describe('createStdioServerTransport', () => {
  it('does nothing at construction', () => {
    const { stdin, stdout } = streams();
    const before = { stdin: listeners(stdin), stdout: listeners(stdout) };
    createStdioServerTransport({ stdin, stdout });
    expect({ stdin: listeners(stdin), stdout: listeners(stdout) }).toEqual(before);
    expect(stdin.readableFlowing).toBeNull();
  });

  it('emits the messages written to stdin, in any chunking, with markers for bad lines', async () => {
    const { stdin, stdout } = streams();
    const transport = createStdioServerTransport({ stdin, stdout });
    const received = firstValueFrom(transport.inbound$.pipe(take(3), toArray()));
    stdin.write('{"jsonrpc":"2.0","id":1,');
    stdin.write(Buffer.from('"method":"ping"}\r\n{not json}\n'));
    stdin.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
    await expect(received).resolves.toEqual([
      { jsonrpc: '2.0', id: 1, method: 'ping' },
      expect.objectContaining({ kind: 'invalid-frame', reason: 'parse' }),
      { jsonrpc: '2.0', method: 'notifications/initialized' },
    ]);
  });

  it('reports a message over maxMessageBytes and reads the next one', async () => {
    const { stdin, stdout } = streams();
    const transport = createStdioServerTransport({ stdin, stdout, maxMessageBytes: 40 });
    const received = lastValueFrom(transport.inbound$.pipe(toArray()));
    stdin.end(`{"jsonrpc":"2.0","method":"${'x'.repeat(50)}"}\n{"jsonrpc":"2.0","method":"ok"}\n`);
    await expect(received).resolves.toEqual([
      expect.objectContaining({ kind: 'invalid-frame', reason: 'too-large' }),
      { jsonrpc: '2.0', method: 'ok' },
    ]);
  });

  it('writes each outbound message to stdout as one line (what one tick sends leaves together, on the next tick)', async () => {
    const { stdin, stdout, written } = streams();
    const transport = createStdioServerTransport({ stdin, stdout });
    transport.outbound.next({ jsonrpc: '2.0', id: 1, result: { text: 'a\nb' } });
    transport.outbound.next({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: '€' } });
    await new Promise((resolve) => process.nextTick(resolve));
    expect(written.join('')).toBe(
      '{"jsonrpc":"2.0","id":1,"result":{"text":"a\\nb"}}\n' +
        '{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"€"}}\n',
    );
  });

  it('completes inbound$ when stdin ends, after the last message', async () => {
    const { stdin, stdout } = streams();
    const transport = createStdioServerTransport({ stdin, stdout });
    const all = lastValueFrom(transport.inbound$.pipe(toArray()));
    stdin.end('{"jsonrpc":"2.0","method":"last"}'); // no trailing newline
    await expect(all).resolves.toEqual([{ jsonrpc: '2.0', method: 'last' }]);
  });

  it('removes its listeners and pauses stdin again on unsubscribe, and can read again later', async () => {
    const { stdin, stdout } = streams();
    const before = { stdin: listeners(stdin), stdout: listeners(stdout) };
    const transport = createStdioServerTransport({ stdin, stdout });
    const seen: unknown[] = [];
    const subscription = transport.inbound$.subscribe((message) => seen.push(message));
    expect(listeners(stdin)).not.toEqual(before.stdin);
    expect(stdin.readableFlowing).toBe(true);
    subscription.unsubscribe();
    expect({ stdin: listeners(stdin), stdout: listeners(stdout) }).toEqual(before);
    expect(stdin.isPaused()).toBe(true);

    stdin.write('{"jsonrpc":"2.0","method":"while-away"}\n');
    const next = firstValueFrom(transport.inbound$);
    await expect(next).resolves.toEqual({ jsonrpc: '2.0', method: 'while-away' });
    expect(seen).toEqual([]);
    expect({ stdin: listeners(stdin), stdout: listeners(stdout) }).toEqual(before);
  });

  it('errors inbound$ with a transport McpError when stdin fails', async () => {
    const { stdin, stdout } = streams();
    const transport = createStdioServerTransport({ stdin, stdout });
    const done = lastValueFrom(transport.inbound$);
    stdin.destroy(new Error('EIO'));
    const error = await done.catch((e: unknown) => e);
    expect(isMcpError(error) && error.kind).toBe('transport');
    expect((error as Error).message).toContain('EIO');
  });

  it('errors inbound$ with a transport McpError when stdout fails', async () => {
    const { stdin, stdout } = streams();
    const transport = createStdioServerTransport({ stdin, stdout });
    const done = lastValueFrom(transport.inbound$);
    stdout.destroy(new Error('EPIPE'));
    const error = await done.catch((e: unknown) => e);
    expect(isMcpError(error) && error.kind).toBe('transport');
  });

  it('has one receiver at a time', () => {
    const { stdin, stdout } = streams();
    const transport = createStdioServerTransport({ stdin, stdout });
    const first = transport.inbound$.subscribe();
    let error: unknown;
    transport.inbound$.subscribe({ error: (e: unknown) => (error = e) });
    expect(isMcpError(error) && error.kind).toBe('transport');
    first.unsubscribe();
  });

  it('closes on outbound.complete(): completes inbound$, ends an injected stdout, drops later writes', async () => {
    const { stdin, stdout, written } = streams();
    const transport = createStdioServerTransport({ stdin, stdout });
    const before = listeners(stdin);
    let completed = false;
    transport.inbound$.subscribe({ complete: () => (completed = true) });
    const finished = new Promise((resolve) => stdout.on('finish', resolve));
    transport.outbound.next({ jsonrpc: '2.0', method: 'bye' });
    transport.outbound.complete();
    transport.outbound.next({ jsonrpc: '2.0', method: 'too late' });
    await finished;
    expect(completed).toBe(true);
    expect(written.join('')).toBe('{"jsonrpc":"2.0","method":"bye"}\n');
    expect(listeners(stdin)).toEqual(before);
    let again = false;
    transport.inbound$.subscribe({ complete: () => (again = true) });
    expect(again).toBe(true);
  });

  it('destroys an injected stdout on outbound.error()', () => {
    const { stdin, stdout } = streams();
    const transport = createStdioServerTransport({ stdin, stdout });
    transport.outbound.error(new Error('abort'));
    expect(stdout.destroyed).toBe(true);
  });

  describe('console guard', () => {
    let stderrWrite: jest.SpyInstance;
    beforeEach(() => {
      stderrWrite = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    });
    afterEach(() => stderrWrite.mockRestore());

    const stderrText = () => stderrWrite.mock.calls.map(([chunk]) => String(chunk)).join('');

    it('sends console.log/info/debug to stderr while subscribed on process.stdout, then restores them', () => {
      const stdoutWrite = jest.spyOn(process.stdout, 'write');
      const original = { log: console.log, info: console.info, debug: console.debug, dir: console.dir };
      const transport = createStdioServerTransport({ stdin: new PassThrough() });
      expect(console.log).toBe(original.log); // nothing at construction
      const subscription = transport.inbound$.subscribe();
      try {
        expect(console.log).not.toBe(original.log);
        console.log('from log %d', 1);
        console.info('from info');
        console.debug('from debug');
        console.dir({ from: 'dir' });
        expect(stderrText()).toContain('from log 1\n');
        expect(stderrText()).toContain('from info\n');
        expect(stderrText()).toContain('from debug\n');
        expect(stderrText()).toContain("{ from: 'dir' }\n");
        expect(stdoutWrite).not.toHaveBeenCalled();
      } finally {
        subscription.unsubscribe();
        stdoutWrite.mockRestore();
      }
      expect({ log: console.log, info: console.info, debug: console.debug, dir: console.dir }).toEqual(original);
    });

    it('restores the console on outbound.complete() without closing process.stdout', () => {
      const original = console.log;
      const transport = createStdioServerTransport({ stdin: new PassThrough() });
      transport.inbound$.subscribe();
      expect(console.log).not.toBe(original);
      transport.outbound.complete();
      expect(console.log).toBe(original);
      expect(process.stdout.writableEnded).toBe(false);
    });

    it('is off with guardConsole: false and for an injected stdout', () => {
      const original = console.log;
      const optedOut = createStdioServerTransport({
        stdin: new PassThrough(),
        guardConsole: false,
      }).inbound$.subscribe();
      expect(console.log).toBe(original);
      optedOut.unsubscribe();
      const injected = createStdioServerTransport({
        stdin: new PassThrough(),
        stdout: new PassThrough(),
      }).inbound$.subscribe();
      expect(console.log).toBe(original);
      injected.unsubscribe();
    });

    it('nests, and leaves alone a method someone else replaced meanwhile', () => {
      const original = console.log;
      const originalInfo = console.info;
      const outer = redirectConsoleToStderr();
      const inner = redirectConsoleToStderr();
      const guarded = console.log;
      inner();
      inner(); // idempotent
      expect(console.log).toBe(guarded);
      const replacement = jest.fn();
      console.info = replacement;
      try {
        outer();
        expect(console.log).toBe(original);
        expect(console.info).toBe(replacement);
      } finally {
        console.info = originalInfo;
      }
    });
  });
});
