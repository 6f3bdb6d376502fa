/**
 * @module
 * Coalesces what a transport writes within one tick into one system call: under load, the
 * responses to a batch of requests read together leave in one `writev` instead of one write each.
 *
 * Why this and `TickWriter` (write-per-tick.ts) both exist: corking is for streams another writer
 * frames — `ws` writes each frame's header and payload itself, and `node:http` adds the response
 * headers (`flushHeaders`) and the chunked encoding — so only the stream can gather the tick's
 * writes. Where rxmcp writes every byte as text (stdio), `TickWriter` joins the strings instead,
 * which measured about a quarter less writer CPU than corking the same pipe (see its module
 * note). Its plain form is one uncorked write per message.
 */
import type { Writable } from 'node:stream';

/**
 * Returns a function to call before each write to `stream`: the first call in a tick corks the
 * stream and schedules its uncorking for the next tick (`process.nextTick`, before any I/O, so
 * no latency is added). Corking is counted, so writers that cork themselves (`ws` per frame) nest.
 *
 * @example
 * const beforeWrite = corkPerTick(process.stdout);
 * beforeWrite();
 * process.stdout.write(line);
 */
export function corkPerTick(stream: Writable): () => void {
  let corked = false;
  const uncork = () => {
    corked = false;
    stream.uncork();
  };
  return () => {
    if (corked) return;
    corked = true;
    stream.cork();
    process.nextTick(uncork);
  };
}
