/**
 * @module
 * Sealing of MRTR `requestState` (2026-07-28): the state travels through the client, which may
 * tamper with it, so it is signed with HMAC-SHA-256 (WebCrypto `globalThis.crypto.subtle`, in every
 * runtime), bound to the request and the audience, and expires on the scheduler's clock. Several
 * keys may verify (rotation); the first one signs.
 */
import { defer, from, map, type Observable, type SchedulerLike, switchMap } from 'rxjs';
import { ErrorCode, McpError } from '../../protocol/errors.js';

/** A signing key of request state. Keep `id` stable while the key is in use. */
export interface RequestStateKey {
  readonly id: string;
  /** At least 32 random bytes (a string is taken as UTF-8). */
  readonly secret: string | Uint8Array;
}

/** Options of {@link createRequestStateSealer}. */
export interface RequestStateOptions {
  /** Verifying keys, the first also signs. @defaultValue one random key per process (single-process servers only) */
  keys?: readonly RequestStateKey[];
  /** Milliseconds a sealed state stays valid. @defaultValue 600 000 (10 minutes) */
  ttlMs?: number;
  /** Who the state is for: state sealed for another audience is refused. @defaultValue the server's name */
  audience?: string;
}

/** Seals and opens request state; see {@link createRequestStateSealer}. */
export interface RequestStateSealer {
  /** The sealed form of `data`, bound to `binding` (cold). */
  seal(data: unknown, binding: string): Observable<string>;
  /** The data sealed in `token`; errors with -32602 when it was tampered with, expired or made for another request. */
  open(token: string, binding: string): Observable<unknown>;
}

interface Payload {
  kid: string;
  aud: string;
  bind: string;
  exp: number;
  data: unknown;
}

/**
 * Creates a sealer. The token is `base64url(payload JSON) "." base64url(HMAC)`.
 *
 * @example
 * const sealer = createRequestStateSealer(asyncScheduler, 'my-server', { keys: [{ id: '2026-07', secret: process.env.STATE_KEY! }] });
 * sealer.seal({ answers }, 'tools/call:deploy').pipe(switchMap((token) => sealer.open(token, 'tools/call:deploy')));
 */
export function createRequestStateSealer(
  scheduler: SchedulerLike,
  audience: string,
  options: RequestStateOptions = {},
): RequestStateSealer {
  const keys = options.keys?.length
    ? options.keys
    : [{ id: 'ephemeral', secret: globalThis.crypto.getRandomValues(new Uint8Array(32)) }];
  const ttl = options.ttlMs ?? 600_000;
  const aud = options.audience ?? audience;
  const imported = new Map<string, Promise<CryptoKey>>();
  const cryptoKey = (key: RequestStateKey) => {
    let promise = imported.get(key.id);
    if (!promise) {
      const raw = typeof key.secret === 'string' ? new TextEncoder().encode(key.secret) : key.secret;
      promise = globalThis.crypto.subtle.importKey(
        'raw',
        raw as BufferSource,
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign', 'verify'],
      );
      imported.set(key.id, promise);
    }
    return promise;
  };
  const refuse = (why: string) => McpError.protocol(ErrorCode.InvalidParams, `Invalid requestState: ${why}`);

  return {
    seal(data, binding) {
      return defer(() => {
        const signer = keys[0]!;
        const payload: Payload = { kid: signer.id, aud, bind: binding, exp: scheduler.now() + ttl, data };
        const body = encodeBase64Url(new TextEncoder().encode(JSON.stringify(payload)));
        return from(cryptoKey(signer)).pipe(
          switchMap((key) => from(globalThis.crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)))),
          map((signature) => `${body}.${encodeBase64Url(new Uint8Array(signature))}`),
        );
      });
    },
    open(token, binding) {
      return defer(() => {
        const [body, signature, extra] = token.split('.');
        const signatureBytes = signature === undefined ? undefined : decodeBase64Url(signature);
        const bodyBytes = body === undefined ? undefined : decodeBase64Url(body);
        if (extra !== undefined || !signatureBytes || !bodyBytes) throw refuse('malformed');
        let payload: Payload;
        try {
          payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bodyBytes)) as Payload;
        } catch {
          throw refuse('malformed');
        }
        const key = keys.find((candidate) => candidate.id === payload?.kid);
        if (!key) throw refuse('unknown key');
        return from(cryptoKey(key)).pipe(
          switchMap((imported) =>
            from(
              globalThis.crypto.subtle.verify(
                'HMAC',
                imported,
                signatureBytes as BufferSource,
                new TextEncoder().encode(body),
              ),
            ),
          ),
          map((valid) => {
            if (!valid) throw refuse('signature mismatch');
            if (payload.aud !== aud) throw refuse('sealed for another audience');
            if (payload.bind !== binding) throw refuse('sealed for another request');
            if (!(typeof payload.exp === 'number' && payload.exp > scheduler.now())) throw refuse('expired');
            return payload.data;
          }),
        );
      });
    },
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Unpadded base64url of `bytes`. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) out += ALPHABET[(n >> 6) & 63]!;
    if (i + 2 < bytes.length) out += ALPHABET[n & 63]!;
  }
  return out;
}

/** The bytes of unpadded base64url `text`, or `undefined` if it is not canonical base64url. */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of text) {
    value = (value << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (value >> bits) & 255;
    }
  }
  // Leftover bits must be zero, or two spellings would decode to the same bytes.
  if ((value & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes;
}
