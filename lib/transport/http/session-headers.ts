/**
 * @module
 * The headers of a Streamable HTTP session: the caller's own, `Mcp-Session-Id` once the server
 * assigned one, and `MCP-Protocol-Version` once `initialize` negotiated it.
 */

/** Headers the caller adds to every request; a function is called per request. */
export type CustomHeaders = Record<string, string> | (() => Record<string, string>);

/**
 * The session facts every request of a Streamable HTTP client carries.
 *
 * @example
 * const session = new SessionHeaders(options.headers);
 * session.capture(initializeResponse);
 * fetch(url, { method: 'POST', headers: session.headers({ 'content-type': 'application/json' }) });
 */
export class SessionHeaders {
  /** The `Mcp-Session-Id` the server assigned, if any. */
  sessionId: string | undefined = undefined;
  /** The `MCP-Protocol-Version` sent on every request after `initialize`. */
  protocolVersion: string | undefined = undefined;

  constructor(private readonly custom: CustomHeaders | undefined) {}

  /** The caller's headers, then `extra`, then (unless for `initialize`) the session's. */
  headers(extra: Record<string, string>, initialize = false): Headers {
    const result = new Headers(typeof this.custom === 'function' ? this.custom() : this.custom);
    for (const [name, value] of Object.entries(extra)) result.set(name, value);
    if (!initialize && this.sessionId !== undefined) result.set('mcp-session-id', this.sessionId);
    if (!initialize && this.protocolVersion !== undefined) result.set('mcp-protocol-version', this.protocolVersion);
    return result;
  }

  /** Takes the session id of an `initialize` response. */
  capture(response: Response): void {
    const assigned = response.headers.get('mcp-session-id');
    if (assigned) this.sessionId = assigned;
  }
}
