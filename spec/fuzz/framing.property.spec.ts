// Properties of newline-delimited framing: whatever the chunking (down to one byte per chunk,
// cuts inside multi-byte UTF-8 characters), line endings (LF, CRLF, blank lines) and sizes
// around the limit, the frames that come out are exactly the lines that went in.
import * as fc from 'fast-check';
import { from } from 'rxjs';
import type { JSONRPCMessage } from '../../lib/protocol/jsonrpc.js';
import { encodeMessage, ndjson, splitLines } from '../../lib/transport/framing/index.js';
import type { InvalidFrame } from '../../lib/transport/transport.js';
import { anyText } from './support/arbitraries.js';
import { checkProperty, propertyTimeout } from './support/fuzz-runs.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const byteLength = (text: string) => encoder.encode(text).byteLength;

/** Runs a synchronous source of chunks through an operator and collects what comes out. */
function collect<T>(
  chunks: Array<Uint8Array | string>,
  operator: (source: ReturnType<typeof from<Array<Uint8Array | string>>>) => import('rxjs').Observable<T>,
): T[] {
  const out: T[] = [];
  let completed = false;
  operator(from(chunks)).subscribe({ next: (value) => out.push(value), complete: () => (completed = true) });
  expect(completed).toBe(true);
  return out;
}

/** Cuts `bytes` into chunks: at the given offsets, or one byte per chunk. */
const chunking = fc.oneof(
  { weight: 1, arbitrary: fc.constant('every-byte' as const) },
  { weight: 4, arbitrary: fc.uniqueArray(fc.nat({ max: 4096 }), { maxLength: 12 }) },
);

function cut(bytes: Uint8Array, how: 'every-byte' | number[]): Uint8Array[] {
  if (how === 'every-byte') return Array.from(bytes, (_, index) => bytes.subarray(index, index + 1));
  const offsets = [...new Set(how.map((offset) => offset % (bytes.byteLength + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.byteLength]) {
    chunks.push(bytes.subarray(start, offset));
    start = offset;
  }
  return chunks;
}

const message: fc.Arbitrary<JSONRPCMessage> = fc.oneof(
  fc.record({
    jsonrpc: fc.constant('2.0' as const),
    method: anyText,
    params: fc.record({ text: anyText, n: fc.integer() }),
  }),
  fc.record({ jsonrpc: fc.constant('2.0' as const), id: fc.oneof(fc.integer(), anyText), method: anyText }),
  fc.record({ jsonrpc: fc.constant('2.0' as const), id: fc.integer(), result: fc.record({ text: anyText }) }),
);

/** The frame of a message with the chosen line ending, possibly preceded by blank lines. */
const framed = fc.record({
  message,
  ending: fc.constantFrom('\n', '\r\n'),
  blank: fc.constantFrom('', '\n', '\r\n', '   \n', '\t\r\n'),
});

describe('framing (property)', () => {
  it('decodes every message, however the bytes are chunked', () => {
    checkProperty(
      'ndjson round trip under any chunking',
      fc.property(fc.array(framed, { maxLength: 6 }), chunking, fc.boolean(), (frames, how, unterminatedLast) => {
        let text = frames
          .map(({ message, ending, blank }) => blank + encodeMessage(message).slice(0, -1) + ending)
          .join('');
        if (unterminatedLast && frames.length > 0) text = text.replace(/\r?\n$/, '');
        const decoded = collect(cut(encoder.encode(text), how), (source) => source.pipe(ndjson()));
        // Lone surrogates come out as U+FFFD, as any UTF-8 round trip makes them.
        expect(decoded).toEqual(
          frames.map(({ message }) => JSON.parse(decoder.decode(encoder.encode(JSON.stringify(message))))),
        );
      }),
      800,
    );
  });

  it('text chunks cut between code points decode the same as bytes', () => {
    checkProperty(
      'string chunks',
      fc.property(
        fc.array(message, { maxLength: 4 }),
        fc.uniqueArray(fc.nat({ max: 2048 }), { maxLength: 8 }),
        (messages, offsets) => {
          const points = [...messages.map(encodeMessage).join('')];
          const cuts = [...new Set(offsets.map((offset) => offset % (points.length + 1)))].sort((a, b) => a - b);
          const chunks = [...cuts, points.length].map((end, index) =>
            points.slice(index === 0 ? 0 : cuts[index - 1], end).join(''),
          );
          const decoded = collect(chunks, (source) => source.pipe(ndjson()));
          expect(decoded).toEqual(messages.map((m) => JSON.parse(decoder.decode(encoder.encode(JSON.stringify(m))))));
        },
      ),
      500,
    );
  });

  it(
    'refuses exactly the lines over the limit, once each, and reads the next line normally',
    () => {
      /** A line of exactly `target` UTF-8 bytes built from `seed`'s characters (no line breaks). */
      const lineOf = (seed: string, target: number) => {
        let line = '';
        for (const char of seed.replace(/[\r\n]/g, '')) {
          if (byteLength(line + char) > target) break;
          line += char;
        }
        return line + 'x'.repeat(target - byteLength(line));
      };
      const sized = (limit: number) =>
        fc.record({
          text: fc
            .tuple(anyText, fc.integer({ min: -3, max: 3 }))
            .map(([seed, delta]) => lineOf(seed, Math.max(0, limit + delta))),
          ending: fc.constantFrom('\n', '\r\n'),
        });
      checkProperty(
        'sizes around the limit',
        fc.property(
          fc
            .integer({ min: 1, max: 48 })
            .chain((limit) => fc.tuple(fc.constant(limit), fc.array(sized(limit), { maxLength: 6 }))),
          chunking,
          ([limit, lines], how) => {
            const bytes = encoder.encode(lines.map(({ text, ending }) => text + ending).join(''));
            const out = collect(cut(bytes, how), (source) => source.pipe(splitLines({ maxLineBytes: limit })));
            const expected = lines.flatMap(({ text }): Array<string | Partial<InvalidFrame>> => {
              const normalized = decoder.decode(encoder.encode(text));
              if (byteLength(normalized) > limit) return [{ kind: 'invalid-frame', reason: 'too-large', id: null }];
              return /\S/.test(normalized) ? [normalized] : [];
            });
            expect(
              out.map((frame) =>
                typeof frame === 'string' ? frame : { kind: frame.kind, reason: frame.reason, id: frame.id },
              ),
            ).toEqual(expected);
          },
        ),
        1000,
      );
    },
    propertyTimeout(),
  );
});
