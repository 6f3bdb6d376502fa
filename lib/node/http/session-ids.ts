/**
 * @module
 * Session ids: minted from the CSPRNG, and looked up without a timing side channel. The ids are
 * bearer secrets (whoever presents one drives that session), so a lookup must not reveal how
 * much of a guess matched.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Random bytes in a session id: 256 bits (the floor for any id that guards something is 128). */
export const SESSION_ID_BYTES = 32;

/**
 * A new session id: {@link SESSION_ID_BYTES} bytes from `crypto.randomBytes`, base64url (43
 * characters, all visible ASCII as the Streamable HTTP spec requires).
 *
 * @example
 * res.setHeader('mcp-session-id', newSessionId());
 */
export function newSessionId(): string {
  return randomBytes(SESSION_ID_BYTES).toString('base64url');
}

/** The lookup key of an id: its SHA-256, so the map's own string compare sees only digests. */
function digestOf(id: string): string {
  return createHash('sha256').update(id).digest('base64');
}

/**
 * A map from session ids to sessions whose lookups take the same time however much of a wrong id
 * matches a real one: entries are keyed by the id's SHA-256 digest (a guess that shares a digest
 * prefix shares nothing useful with the id), and the id found is confirmed with
 * `crypto.timingSafeEqual`.
 *
 * @example
 * const sessions = new SessionTable<Session>();
 * sessions.set(id, session);
 * sessions.get(header(req, 'mcp-session-id') ?? '');
 */
export class SessionTable<V> {
  readonly #entries = new Map<string, { readonly id: Buffer; readonly value: V }>();

  get size(): number {
    return this.#entries.size;
  }

  get(id: string): V | undefined {
    const entry = this.#entries.get(digestOf(id));
    if (!entry) return undefined;
    const offered = Buffer.from(id);
    return offered.length === entry.id.length && timingSafeEqual(offered, entry.id) ? entry.value : undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  set(id: string, value: V): void {
    this.#entries.set(digestOf(id), { id: Buffer.from(id), value });
  }

  delete(id: string): boolean {
    return this.has(id) && this.#entries.delete(digestOf(id));
  }

  *values(): IterableIterator<V> {
    for (const entry of this.#entries.values()) yield entry.value;
  }

  clear(): void {
    this.#entries.clear();
  }
}
