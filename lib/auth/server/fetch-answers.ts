/**
 * @module
 * The guard's answers as web-standard `Response`s, for a fetch handler (`(Request) => Response`).
 */
import type { GuardDenial } from './resource-guard.js';
import type { ProtectedResourceMetadata } from './protected-resource-metadata.js';

/**
 * The `Response` of a refusal: its status, `WWW-Authenticate`, and a JSON OAuth error body.
 *
 * @example
 * const outcome = await guard.check(request);
 * if (outcome.type === 'deny') return denialResponse(outcome);
 */
export function denialResponse(denial: GuardDenial): Response {
  return new Response(JSON.stringify(denial.body), {
    status: denial.status,
    headers: { 'content-type': 'application/json', ...denial.headers },
  });
}

/**
 * The `Response` of a metadata document: JSON, readable from any web origin (it is public).
 *
 * @example
 * const metadata = guard.metadataFor(request);
 * if (metadata) return metadataResponse(metadata);
 */
export function metadataResponse(metadata: ProtectedResourceMetadata): Response {
  return new Response(JSON.stringify(metadata), {
    status: 200,
    headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' },
  });
}
