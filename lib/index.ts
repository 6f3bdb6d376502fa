/**
 * @module
 * `rxmcp`: the isomorphic entry (browser-safe). Node-only pieces live in `rxmcp/node`,
 * test helpers in `rxmcp/testing`.
 */
export * from './protocol/index.js';
export * from './transport/index.js';
export * from './session/index.js';
