/**
 * @module
 * Following `nextCursor` through every page of a `…/list` request.
 */
import { defer, EMPTY, expand, type Observable, reduce, throwError } from 'rxjs';
import { McpError } from '../protocol/errors.js';

/** A page of a paginated list. */
export interface Page {
  nextCursor?: string | undefined;
}

/**
 * Fetches the first page, then the page of each `nextCursor` in turn, and emits every page's
 * items concatenated once the last page (the one without `nextCursor`) has arrived. A cursor
 * the server repeats fails with kind `'validation'` instead of looping forever.
 *
 * ```
 * fetch(undefined): --p1|            (p1.nextCursor = 'c')
 * fetch('c'):            --p2|       (last page)
 * paginate:         ------(all|)     (all = [...p1.items, ...p2.items])
 * ```
 *
 * @example
 * paginate((cursor) => typedRequest(session, 'tools/list', cursor === undefined ? {} : { cursor }), (page) => page.tools)
 */
export function paginate<P extends Page, T>(
  fetch: (cursor: string | undefined) => Observable<P>,
  items: (page: P) => readonly T[],
): Observable<T[]> {
  return defer(() => {
    const seen = new Set<string>();
    return fetch(undefined).pipe(
      expand((page) => {
        const cursor = page.nextCursor;
        if (cursor === undefined) return EMPTY;
        if (seen.has(cursor))
          return throwError(
            () => new McpError('validation', `The server repeated the page cursor ${JSON.stringify(cursor)}`),
          );
        seen.add(cursor);
        return fetch(cursor);
      }),
      reduce((all: T[], page: P) => all.concat(items(page)), []),
    );
  });
}
