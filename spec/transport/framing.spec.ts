import { from, lastValueFrom, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { JSONRPCMessage } from '../../lib/protocol/jsonrpc.js';
import {
  DEFAULT_MAX_LINE_BYTES,
  decodeMessages,
  encodeMessage,
  ndjson,
  splitLines,
} from '../../lib/transport/framing/index.js';
import { isInvalidFrame, type InvalidFrame } from '../../lib/transport/transport.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const tooLarge = (max: number): InvalidFrame => ({
  kind: 'invalid-frame',
  reason: 'too-large',
  message: `Message exceeds the maximum size of ${max} bytes`,
  id: null,
});

function marbles(run: (helpers: Parameters<Parameters<TestScheduler['run']>[0]>[0]) => void) {
  new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(run);
}

describe('splitLines', () => {
  it('emits every line of a chunk holding several', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('-a-----|', { a: bytes('one\ntwo\nthree\n') });
      expectObservable(source.pipe(splitLines())).toBe('-(xyz)-|', { x: 'one', y: 'two', z: 'three' });
    });
  });

  it('joins a line split across chunks and emits it when its newline arrives', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('-a-b-c-|', { a: bytes('{"par'), b: bytes('t":'), c: bytes('1}\n{"next"') });
      expectObservable(source.pipe(splitLines())).toBe('-----x-(y|)', { x: '{"part":1}', y: '{"next"' });
    });
  });

  it('decodes a character split inside its UTF-8 bytes (euro sign)', () => {
    const euro = bytes('€'); // E2 82 AC
    expect(euro).toHaveLength(3);
    marbles(({ cold, expectObservable }) => {
      const source = cold('-a-b-|', {
        a: Uint8Array.of(...bytes('price: '), euro[0]!, euro[1]!),
        b: Uint8Array.of(euro[2]!, ...bytes('5\n')),
      });
      expectObservable(source.pipe(splitLines())).toBe('---x-|', { x: 'price: €5' });
    });
  });

  it('decodes an emoji whose four bytes arrive in three chunks', () => {
    const emoji = bytes('😀'); // F0 9F 98 80
    marbles(({ cold, expectObservable }) => {
      const source = cold('-a-b-c-|', {
        a: Uint8Array.of(...bytes('"'), emoji[0]!),
        b: Uint8Array.of(emoji[1]!, emoji[2]!),
        c: Uint8Array.of(emoji[3]!, ...bytes('"\n')),
      });
      expectObservable(source.pipe(splitLines())).toBe('-----x-|', { x: '"😀"' });
    });
  });

  it('strips the \\r of CRLF endings, also when \\r and \\n arrive in different chunks', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('-a-b-|', { a: bytes('one\r\ntwo\r'), b: bytes('\nthree') });
      expectObservable(source.pipe(splitLines())).toBe('-x-y-(z|)', { x: 'one', y: 'two', z: 'three' });
    });
  });

  it('skips empty and whitespace-only lines', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('-a----|', { a: bytes('\n\r\n  \t\none\n\n\ntwo\n') });
      expectObservable(source.pipe(splitLines())).toBe('-(xy)-|', { x: 'one', y: 'two' });
    });
  });

  it('accepts string chunks', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('-a-b-|', { a: 'héllo\nwor', b: 'ld €\n' });
      expectObservable(source.pipe(splitLines())).toBe('-x-y-|', { x: 'héllo', y: 'world €' });
    });
  });

  it('emits an unterminated last line on completion, and nothing more for a trailing newline', async () => {
    await expect(lastValueFrom(from([bytes('a\nb')]).pipe(splitLines(), toArray()))).resolves.toEqual(['a', 'b']);
    await expect(lastValueFrom(from([bytes('a\n')]).pipe(splitLines(), toArray()))).resolves.toEqual(['a']);
  });

  it('passes a source error through', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('-a-#', { a: bytes('one\ntw') }, new Error('boom'));
      expectObservable(source.pipe(splitLines())).toBe('-x-#', { x: 'one' }, new Error('boom'));
    });
  });

  it('reports an over-long line once, as soon as it crosses the limit, and reads the next line', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('-a-b-c-|', {
        a: bytes('0123456789'), // 10 bytes: over the limit of 8, no newline yet
        b: bytes('0123456789'), // still the same line: dropped silently
        c: bytes('xyz\nok\n'),
      });
      expectObservable(source.pipe(splitLines({ maxLineBytes: 8 }))).toBe('-t---y-|', { t: tooLarge(8), y: 'ok' });
    });
  });

  it('reports an over-long line that arrives whole, then reads the next line in the same chunk', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('-a----|', { a: bytes('123456789\n12345678\n') });
      expectObservable(source.pipe(splitLines({ maxLineBytes: 8 }))).toBe('-(ty)-|', { t: tooLarge(8), y: '12345678' });
    });
  });

  it('counts bytes, not characters, and not the CRLF ending', () => {
    marbles(({ cold, expectObservable }) => {
      // '€€' is 6 bytes; '€€€' is 9.
      const source = cold('-a-b-c-|', { a: bytes('€€\r'), b: bytes('\n€€€'), c: bytes('\r\n') });
      expectObservable(source.pipe(splitLines({ maxLineBytes: 6 }))).toBe('---(xt)|', { x: '€€', t: tooLarge(6) });
    });
    marbles(({ cold, expectObservable }) => {
      const source = cold('-a---|', { a: bytes('123456\r\n1234567\n') });
      expectObservable(source.pipe(splitLines({ maxLineBytes: 6 }))).toBe('-(xt)|', { x: '123456', t: tooLarge(6) });
    });
  });

  it('does not buffer an over-long line it is discarding', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const chunks = [...Array.from({ length: 100 }, () => chunk), bytes('\nafter\n')];
    await expect(lastValueFrom(from(chunks).pipe(splitLines({ maxLineBytes: 1024 }), toArray()))).resolves.toEqual([
      tooLarge(1024),
      'after',
    ]);
  });

  it('reassembles a 5 MB frame sent in 64 KB chunks quickly', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', method: 'big', params: { text: 'é'.repeat(2.5 * 1024 * 1024) } });
    const encoded = bytes(big + '\n');
    expect(encoded.byteLength).toBeGreaterThan(5 * 1024 * 1024);
    const chunks: Uint8Array[] = [];
    for (let offset = 0; offset < encoded.byteLength; offset += 64 * 1024)
      chunks.push(encoded.subarray(offset, offset + 64 * 1024));
    const started = performance.now();
    const lines = await lastValueFrom(from(chunks).pipe(splitLines(), toArray()));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(big);
  });

  it('defaults to a 16 MiB limit', () => {
    expect(DEFAULT_MAX_LINE_BYTES).toBe(16 * 1024 * 1024);
  });
});

describe('decodeMessages', () => {
  it('parses lines, marks invalid JSON and non-JSON-RPC values, passes markers through', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold<string | InvalidFrame>('-a-b-c-d-e-|', {
        a: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
        b: '{oops',
        c: '{"jsonrpc":"1.0","id":7,"method":"ping"}',
        d: '[1,2]',
        e: tooLarge(8),
      });
      expectObservable(source.pipe(decodeMessages())).toBe('-m-p-i-j-t-|', {
        m: { jsonrpc: '2.0', id: 1, method: 'ping' },
        p: expect.objectContaining({ kind: 'invalid-frame', reason: 'parse', id: null }),
        i: expect.objectContaining({ kind: 'invalid-frame', reason: 'invalid', id: 7 }),
        j: expect.objectContaining({ kind: 'invalid-frame', reason: 'invalid', id: null }),
        t: tooLarge(8),
      });
    });
  });
});

describe('ndjson', () => {
  it('keeps going after invalid JSON, an invalid message and an over-long line', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('-a-b------c----|', {
        a: bytes('{"jsonrpc":"2.0",'),
        b: bytes('"method":"one"}\n{oops\n{"hello":"world"}\n'),
        c: bytes(`{"jsonrpc":"2.0","method":"${'x'.repeat(100)}"}\n{"jsonrpc":"2.0","method":"two"}\n`),
      });
      expectObservable(source.pipe(ndjson({ maxMessageBytes: 64 }))).toBe('---(1pi)--(t2)-|', {
        1: { jsonrpc: '2.0', method: 'one' },
        p: expect.objectContaining({ kind: 'invalid-frame', reason: 'parse' }),
        i: expect.objectContaining({ kind: 'invalid-frame', reason: 'invalid' }),
        t: tooLarge(64),
        2: { jsonrpc: '2.0', method: 'two' },
      });
    });
  });

  it('round-trips what encodeMessage writes', async () => {
    const messages: JSONRPCMessage[] = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'echo', arguments: { text: 'line\nbreak \r\n € 😀' } },
      },
      { jsonrpc: '2.0', id: 1, result: { content: [] } },
      { jsonrpc: '2.0', id: 'x', error: { code: -32601, message: 'Method not found' } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
    ];
    const wire = messages.map(encodeMessage).join('');
    const encoded = bytes(wire);
    // Cut the wire every 5 bytes, which splits multi-byte characters too.
    const chunks: Uint8Array[] = [];
    for (let offset = 0; offset < encoded.byteLength; offset += 5) chunks.push(encoded.slice(offset, offset + 5));
    const decoded = await lastValueFrom(from(chunks).pipe(ndjson(), toArray()));
    expect(decoded.some(isInvalidFrame)).toBe(false);
    expect(decoded).toEqual(messages);
  });

  it('surfaces a source error after the messages before it', () => {
    marbles(({ cold, expectObservable }) => {
      const source = cold('-a-#', { a: bytes('{"jsonrpc":"2.0","method":"a"}\n{"jsonrpc"') }, new Error('gone'));
      expectObservable(source.pipe(ndjson())).toBe('-m-#', { m: { jsonrpc: '2.0', method: 'a' } }, new Error('gone'));
    });
  });
});

describe('encodeMessage', () => {
  it('writes one line of JSON ending in a single newline', () => {
    const line = encodeMessage({ jsonrpc: '2.0', method: 'log', params: { text: 'a\nb\r\nc' } });
    expect(line).toBe('{"jsonrpc":"2.0","method":"log","params":{"text":"a\\nb\\r\\nc"}}\n');
    expect(line.indexOf('\n')).toBe(line.length - 1);
  });
});
