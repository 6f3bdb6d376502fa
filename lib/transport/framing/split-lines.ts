/**
 * @module
 * Splitting a byte or text stream into newline-delimited frames (the stdio framing of MCP).
 */
import { Observable, type OperatorFunction } from 'rxjs';
import type { InvalidFrame } from '../transport.js';

/** The default {@link SplitLinesOptions.maxLineBytes}: 16 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Options of {@link splitLines}. */
export interface SplitLinesOptions {
  /**
   * The longest line accepted, in UTF-8 bytes, not counting the line ending. A longer line is
   * dropped (without being buffered) up to its newline and reported once as an
   * {@link InvalidFrame} with reason `'too-large'`.
   *
   * @defaultValue {@link DEFAULT_MAX_LINE_BYTES} (16 MiB)
   */
  maxLineBytes?: number;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const NOT_BLANK = /\S/;

/**
 * Splits chunks of bytes (or text) into lines.
 *
 * Chunks may be cut anywhere, also inside a multi-byte UTF-8 character: the input is split on
 * the newline byte (which never occurs inside a multi-byte sequence) and each whole line is
 * decoded once, so a split character is never mangled and a large line costs one copy, not a
 * quadratic series of string concatenations. A trailing `\r` is stripped (CRLF), blank lines
 * are skipped, and an unterminated last line is emitted when the source completes.
 *
 * A line longer than `maxLineBytes` produces one `{ kind: 'invalid-frame', reason: 'too-large' }`
 * as soon as the limit is crossed; the rest of it is discarded up to its newline, and the next
 * line is read normally.
 *
 * Chunks are read, not copied: do not modify a chunk after emitting it (stream chunks never are).
 *
 * ```
 * source:      -a------b-------c|      a = '{"x":1}\n{"y"'   b = ':2}\r\n\n'   c = '€\n'
 * splitLines():  -x------y-------z|      x = '{"x":1}'         y = '{"y":2}'     z = '€'
 * ```
 *
 * @example
 * chunks$.pipe(splitLines({ maxLineBytes: 1 << 20 })).subscribe((line) => handle(line));
 */
export function splitLines(
  options: SplitLinesOptions = {},
): OperatorFunction<Uint8Array | string, string | InvalidFrame> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  return (source) =>
    new Observable<string | InvalidFrame>((subscriber) => {
      const encoder = new TextEncoder();
      const decoder = new TextDecoder();
      /** The pieces of the current, unterminated line. */
      let pieces: Uint8Array[] = [];
      let size = 0;
      /** Set while the rest of an over-long line is being dropped. */
      let discarding = false;

      const tooLarge = (): InvalidFrame => ({
        kind: 'invalid-frame',
        reason: 'too-large',
        message: `Message exceeds the maximum size of ${maxLineBytes} bytes`,
        id: null,
      });

      const reset = () => {
        pieces = [];
        size = 0;
      };

      /** Adds part of a line that is not yet terminated. */
      const append = (segment: Uint8Array) => {
        if (discarding || segment.byteLength === 0) return;
        // One byte of slack: the line may yet turn out to end with the `\r` of a CRLF.
        if (size + segment.byteLength > maxLineBytes + 1) {
          reset();
          discarding = true;
          subscriber.next(tooLarge());
          return;
        }
        pieces.push(segment);
        size += segment.byteLength;
      };

      /** Ends the current line with its last segment (the bytes before the newline). */
      const endLine = (segment: Uint8Array) => {
        if (discarding) {
          discarding = false;
          return;
        }
        append(segment);
        if (discarding) {
          discarding = false;
          return;
        }
        let line = join(pieces, size);
        reset();
        if (line.byteLength > 0 && line[line.byteLength - 1] === CARRIAGE_RETURN) line = line.subarray(0, -1);
        if (line.byteLength > maxLineBytes) {
          subscriber.next(tooLarge());
          return;
        }
        const text = decoder.decode(line);
        if (NOT_BLANK.test(text)) subscriber.next(text);
      };

      return source.subscribe({
        next: (chunk) => {
          const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
          let start = 0;
          while (start < bytes.byteLength) {
            const newline = bytes.indexOf(NEWLINE, start);
            if (newline === -1) {
              append(bytes.subarray(start));
              break;
            }
            endLine(bytes.subarray(start, newline));
            start = newline + 1;
          }
        },
        error: (error) => subscriber.error(error),
        complete: () => {
          if (size > 0) endLine(new Uint8Array(0));
          subscriber.complete();
        },
      });
    });
}

function join(pieces: Uint8Array[], size: number): Uint8Array {
  if (pieces.length === 1) return pieces[0]!;
  const joined = new Uint8Array(size);
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.byteLength;
  }
  return joined;
}
