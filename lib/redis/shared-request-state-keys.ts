/**
 * @module
 * MRTR `requestState` keys shared through Redis, so state sealed by one process opens on another.
 */
import type { Redis } from 'ioredis';
import type { RequestStateKey } from '../server/modern/request-state.js';

/** Options of {@link sharedRequestStateKeys}. */
export interface SharedRequestStateKeysOptions {
  /** The Redis key holding the signing key. @defaultValue `'rxmcp:request-state-key'` */
  key?: string;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * The request-state keys every process sharing `redis` agrees on: the first process to ask stores
 * a random 32-byte key (`SET NX`), every other one reads it. It never expires; delete the Redis
 * key to rotate (processes started afterwards sign with the new one).
 *
 * @example
 * const keys = await sharedRequestStateKeys(redis);
 * const server = new McpServer(info, { requestState: { keys } });
 */
export async function sharedRequestStateKeys(
  redis: Redis,
  options: SharedRequestStateKeysOptions = {},
): Promise<RequestStateKey[]> {
  const key = options.key ?? 'rxmcp:request-state-key';
  const candidate = JSON.stringify({
    id: hex(globalThis.crypto.getRandomValues(new Uint8Array(6))),
    secret: hex(globalThis.crypto.getRandomValues(new Uint8Array(32))),
  });
  await redis.set(key, candidate, 'NX');
  const stored = await redis.get(key);
  const parsed = stored === null ? undefined : (JSON.parse(stored) as Partial<RequestStateKey>);
  if (typeof parsed?.id !== 'string' || typeof parsed.secret !== 'string')
    throw new Error(`${key} in Redis does not hold a request-state key`);
  return [{ id: parsed.id, secret: parsed.secret }];
}
