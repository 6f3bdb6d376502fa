/**
 * @module
 * Joins the text a transport writes within one tick into one write: under load, the lines of a
 * burst (responses to requests read together, or concurrent calls) leave as one string in one
 * system call, with no per-chunk bookkeeping as a corked `writev` has.
 *
 * Why this and `corkPerTick` (cork-per-tick.ts) both exist: this one serves streams whose every
 * byte rxmcp writes itself as text (stdio's NDJSON lines), where joining strings is cheapest;
 * `corkPerTick` serves streams another writer frames (`ws` frames, `node:http`'s headers and
 * chunked encoding), where the text cannot be joined before it is written. Measured on Node 20,
 * 20 000 bursts of 8 JSON lines to a child's stdin pipe, writer CPU medians of 5 interleaved runs
 * on a loaded machine: this 161 ms, corking 221 ms, unbatched writes 171 ms (corking costs the
 * per-chunk bookkeeping of `writev`). Its plain form is one `stream.write` per message.
 */
import type { Writable } from 'node:stream';

/**
 * Buffers text for `stream` and writes it on the next tick (`process.nextTick`, before any I/O,
 * so no latency is added). Call {@link TickWriter.flush} before ending the stream.
 *
 * @example
 * const out = new TickWriter(process.stdout);
 * out.write('{"jsonrpc":"2.0","id":1,"result":{}}\n');
 * out.write('{"jsonrpc":"2.0","id":2,"result":{}}\n'); // both leave in one write
 */
export class TickWriter {
  readonly #stream: Writable;
  #pending = '';
  #scheduled = false;
  readonly #onTick = () => {
    this.#scheduled = false;
    this.flush();
  };

  readonly #afterWrite: (() => void) | undefined;

  /** `afterWrite` runs after each write to `stream` (a place to check its buffer). */
  constructor(stream: Writable, afterWrite?: () => void) {
    this.#stream = stream;
    this.#afterWrite = afterWrite;
  }

  /** Queues `text` for this tick's write. */
  write(text: string): void {
    this.#pending += text;
    if (this.#scheduled) return;
    this.#scheduled = true;
    process.nextTick(this.#onTick);
  }

  /** Writes what is queued now. */
  flush(): void {
    const text = this.#pending;
    if (text === '') return;
    this.#pending = '';
    this.#stream.write(text);
    this.#afterWrite?.();
  }
}
