/**
 * @module
 * One HTTP exchange as a cold Observable: the request starts on subscribe and unsubscribing
 * aborts it, body included.
 */
import { from, Observable, type ObservableInput, type Subscription } from 'rxjs';

/** The slice of `fetch` the HTTP transports use; inject your own (a proxy, auth, a test fake). */
export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** `globalThis.fetch`, looked up when called (so nothing is required at import time). */
export const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/**
 * Sends `init` to `url` and hands the response to `handle`, whose Observable decides what the
 * exchange emits. One `AbortController` covers the request and the body: unsubscribing before
 * `handle`'s Observable has ended aborts both. A rejected `fetch` errors the Observable.
 *
 * ```
 * subscribe ── fetch … Response ── handle(response): ─a─b─|
 * result:    ───────────────────────────────────────────a─b─|
 * ```
 *
 * @example
 * fetchExchange(fetch, url, { method: 'GET' }, (response) => from(response.text()))
 */
export function fetchExchange<T>(
  fetch: FetchLike,
  url: string | URL,
  init: RequestInit,
  handle: (response: Response) => ObservableInput<T>,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    const controller = new AbortController();
    let settled = false;
    let inner: Subscription | undefined;
    const end = () => {
      settled = true;
    };
    fetch(url, { ...init, signal: controller.signal }).then(
      (response) => {
        if (subscriber.closed) {
          discardBody(response);
          return;
        }
        try {
          inner = from(handle(response)).subscribe({
            next: (value) => subscriber.next(value),
            error: (error: unknown) => (end(), subscriber.error(error)),
            complete: () => (end(), subscriber.complete()),
          });
        } catch (error) {
          end();
          subscriber.error(error);
        }
      },
      (error: unknown) => {
        end();
        subscriber.error(error);
      },
    );
    return () => {
      inner?.unsubscribe();
      if (!settled) controller.abort();
    };
  });
}

/** Releases a body nobody will read (so the connection can be reused). */
export function discardBody(response: Response): void {
  if (response.body && !response.bodyUsed) response.body.cancel().catch(() => undefined);
}

/**
 * The body of a response as text, or `''` if it cannot be read (error bodies are best effort).
 *
 * @example
 * bodyText(response).pipe(map((body) => httpErrorResponse(id, response.status, response.statusText, body)))
 */
export function bodyText(response: Response): Observable<string> {
  return from(response.text().catch(() => ''));
}
