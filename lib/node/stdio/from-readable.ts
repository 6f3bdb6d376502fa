/**
 * @module
 * A Node `Readable` as a cold Observable of chunks.
 */
import type { Readable } from 'node:stream';
import { Observable } from 'rxjs';

/**
 * Emits the chunks of a readable stream. Subscribing attaches the listeners and resumes the
 * stream; unsubscribing removes them and pauses it again unless it was flowing before. Completes
 * on `end` (or on `close` without `end`, for a destroyed stream) and errors with the stream's error.
 *
 * ```
 * stream:          data(a) data(b) end
 * fromReadable():  ---a-------b----|
 * ```
 *
 * @example
 * fromReadable(process.stdin).pipe(ndjson()).subscribe(handle);
 */
export function fromReadable(stream: Readable): Observable<Uint8Array | string> {
  return new Observable<Uint8Array | string>((subscriber) => {
    if (stream.readableEnded || stream.destroyed) {
      const error = stream.errored;
      if (error) subscriber.error(error);
      else subscriber.complete();
      return;
    }
    const wasFlowing = stream.readableFlowing === true;
    const onData = (chunk: Uint8Array | string) => subscriber.next(chunk);
    const onEnd = () => subscriber.complete();
    const onError = (error: Error) => subscriber.error(error);
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('close', onEnd);
    stream.on('error', onError);
    stream.resume();
    return () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('close', onEnd);
      stream.off('error', onError);
      if (!wasFlowing && !stream.destroyed) stream.pause();
    };
  });
}
