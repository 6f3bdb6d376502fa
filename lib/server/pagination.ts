/**
 * @module
 * Cursor pagination of `…/list` results: opaque cursors that encode an offset.
 */
import { ErrorCode, McpError } from '../protocol/errors.js';

/** One page of items and the cursor of the next page (absent on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

const PREFIX = 'offset:';

/**
 * The opaque cursor of the page that starts at `offset` (base64, so clients don't parse it).
 *
 * @example
 * encodeCursor(100) // 'b2Zmc2V0OjEwMA=='
 */
export function encodeCursor(offset: number): string {
  return btoa(`${PREFIX}${offset}`);
}

/**
 * The offset a cursor encodes; a cursor this server did not mint fails with `-32602`.
 *
 * @example
 * decodeCursor(encodeCursor(100)) // 100
 */
export function decodeCursor(cursor: string): number {
  let decoded: string;
  try {
    decoded = atob(cursor);
  } catch {
    throw invalid(cursor);
  }
  const digits = decoded.startsWith(PREFIX) ? decoded.slice(PREFIX.length) : '';
  if (!/^\d{1,15}$/.test(digits)) throw invalid(cursor);
  return Number(digits);
}

/**
 * The page of `items` at `cursor` (the first page without one).
 *
 * @example
 * paginate(tools, params?.cursor, 100) // { items: tools.slice(0, 100), nextCursor: '…' }
 */
export function paginate<T>(items: readonly T[], cursor: string | undefined, pageSize: number): Page<T> {
  const start = cursor === undefined ? 0 : decodeCursor(cursor);
  if (start > items.length) throw invalid(cursor ?? '');
  const size = Math.max(1, Math.floor(pageSize));
  const end = start + size;
  const page: Page<T> = { items: items.slice(start, end) };
  if (end < items.length) page.nextCursor = encodeCursor(end);
  return page;
}

const invalid = (cursor: string) => McpError.protocol(ErrorCode.InvalidParams, `Invalid cursor: ${cursor}`);
