/**
 * @module
 * The MCP protocol revisions rxmcp speaks.
 */

/** The newest revision, proposed first in `initialize`. */
export const LATEST_PROTOCOL_VERSION = '2025-11-25';

/** Every revision rxmcp accepts, newest first. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly string[] = [
  LATEST_PROTOCOL_VERSION,
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
];

/** The revision assumed for HTTP requests that carry no `MCP-Protocol-Version` header. */
export const DEFAULT_NEGOTIATED_PROTOCOL_VERSION = '2025-03-26';

/**
 * The version a server answers with: the client's if supported, else the latest.
 *
 * @example
 * negotiateProtocolVersion('2024-11-05') // '2024-11-05'
 * negotiateProtocolVersion('1999-01-01') // '2025-11-25'
 */
export function negotiateProtocolVersion(
  requested: string,
  supported: readonly string[] = SUPPORTED_PROTOCOL_VERSIONS,
): string {
  return supported.includes(requested) ? requested : supported[0]!;
}
