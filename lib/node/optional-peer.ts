/**
 * @module
 * Loading the optional peer packages of `rxmcp/node` (express, ws) when a function that needs
 * them is first called, so an install that never calls them needs neither.
 */
import { peerRequire } from './peer-require.js';

/** Whether `error` says that `name` itself (not something it imports) could not be found. */
export function isMissingPackage(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return false;
  return typeof message === 'string' && (message.includes(`'${name}'`) || message.includes(`"${name}"`));
}

/**
 * The error thrown when `feature` is used without its optional peer `name` installed.
 *
 * @example
 * missingPeer('express', 'createMcpRouter').message // 'createMcpRouter needs the package "express" (an optional peer dependency of rxmcp): npm install express'
 */
export function missingPeer(name: string, feature: string, cause?: unknown): Error {
  return new Error(
    `${feature} needs the package "${name}" (an optional peer dependency of rxmcp): npm install ${name}`,
    { cause },
  );
}

/**
 * Loads the optional peer package `name` for `feature`, or throws {@link missingPeer}'s error
 * when it is not installed (any other failure is rethrown as it is).
 *
 * @example
 * const { WebSocketServer } = loadPeer<typeof import('ws')>('ws', 'createMcpWebSocketHandler');
 */
export function loadPeer<T>(name: string, feature: string, load: (name: string) => unknown = peerRequire): T {
  try {
    return load(name) as T;
  } catch (error) {
    if (isMissingPackage(error, name)) throw missingPeer(name, feature, error);
    throw error;
  }
}
