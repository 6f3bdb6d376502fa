/**
 * @module
 * Session ids: minted from the CSPRNG (WebCrypto), and looked up without a timing side channel.
 * The ids are bearer secrets (whoever presents one drives that session), so a lookup must not
 * reveal how much of a guess matched.
 */
import { randomToken } from './random-token.js';

/** Random bytes in a session id: 256 bits (the floor for any id that guards something is 128). */
export const SESSION_ID_BYTES = 32;

/**
 * A new session id: {@link SESSION_ID_BYTES} bytes from `crypto.getRandomValues`, base64url (43
 * characters, all visible ASCII as the Streamable HTTP spec requires).
 *
 * @example
 * headers['mcp-session-id'] = newSessionId();
 */
export function newSessionId(): string {
  return randomToken(SESSION_ID_BYTES);
}

/** 32-bit random salts of one table's digests. */
function randomSalts(): Uint32Array {
  return globalThis.crypto.getRandomValues(new Uint32Array(2));
}

/**
 * The lookup key of an id: a 64-bit digest salted with the table's secret salts, so the map's own
 * string compare sees only digests that a guess cannot steer towards a real id's.
 */
function digestOf(id: string, salts: Uint32Array): string {
  let h1 = salts[0]! ^ 0xdeadbeef;
  let h2 = salts[1]! ^ 0x41c6ce57;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // The 64 bits as four UTF-16 code units: one short string, no number formatting.
  return String.fromCharCode(h1 >>> 16, h1 & 0xffff, h2 >>> 16, h2 & 0xffff);
}

/** Whether two strings are equal, in time that depends only on their lengths. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * A map from session ids to sessions whose lookups take the same time however much of a wrong id
 * matches a real one: entries are keyed by a salted digest of the id (a guess that shares a digest
 * prefix shares nothing useful with the id), and the id found is confirmed in constant time.
 *
 * @example
 * const sessions = new SessionTable<Session>();
 * sessions.set(id, session);
 * sessions.get(request.headers.get('mcp-session-id') ?? '');
 */
export class SessionTable<V> {
  readonly #entries = new Map<string, { readonly id: string; readonly value: V }>();
  readonly #salts = randomSalts();

  get size(): number {
    return this.#entries.size;
  }

  get(id: string): V | undefined {
    const entry = this.#entries.get(digestOf(id, this.#salts));
    return entry && constantTimeEqual(id, entry.id) ? entry.value : undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  set(id: string, value: V): void {
    this.#entries.set(digestOf(id, this.#salts), { id, value });
  }

  delete(id: string): boolean {
    return this.has(id) && this.#entries.delete(digestOf(id, this.#salts));
  }

  *values(): IterableIterator<V> {
    for (const entry of this.#entries.values()) yield entry.value;
  }

  clear(): void {
    this.#entries.clear();
  }
}
