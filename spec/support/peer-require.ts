// The CommonJS twin of lib/node/peer-require.ts for jest (which cannot parse `import.meta`):
// jest's own `require`, resolving from the repository as the ES module build does from rxmcp.
export const peerRequire: NodeJS.Require = require;
