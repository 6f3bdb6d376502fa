/**
 * @module
 * Which scopes to ask for (MCP "Scope Selection Strategy"): the challenge's `scope`, else every
 * `scopes_supported` of the protected resource, else none (the parameter is omitted); on
 * step-up the union with what was asked before (SEP-2350); `offline_access` added when the
 * authorization server lists it and a refresh token is wanted (SEP-2207).
 */

/** The inputs of {@link selectScope}. */
export interface ScopeInputs {
  /** The `scope` of the `WWW-Authenticate` challenge. */
  readonly challenged?: string;
  /** The protected resource metadata's `scopes_supported`. */
  readonly resourceScopes?: readonly string[];
  /** The authorization server's `scopes_supported`. */
  readonly serverScopes?: readonly string[];
  /** What was asked for before (step-up keeps it). */
  readonly previous?: string;
  /** Add `offline_access` when the authorization server supports it. */
  readonly offlineAccess: boolean;
}

/**
 * The `scope` parameter to send, or `undefined` to omit it.
 *
 * @example
 * selectScope({ challenged: 'mcp:write', previous: 'mcp:basic', offlineAccess: false }) // 'mcp:basic mcp:write'
 */
export function selectScope(inputs: ScopeInputs): string | undefined {
  const base = inputs.challenged ? split(inputs.challenged) : [...(inputs.resourceScopes ?? [])];
  const scopes = new Set([...split(inputs.previous), ...base]);
  if (scopes.size > 0 && inputs.offlineAccess && inputs.serverScopes?.includes('offline_access'))
    scopes.add('offline_access');
  return scopes.size > 0 ? [...scopes].join(' ') : undefined;
}

function split(scope: string | undefined): string[] {
  return scope ? scope.split(/\s+/).filter(Boolean) : [];
}
