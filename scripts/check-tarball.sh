#!/usr/bin/env bash
# Packs rxmcp, installs the tarball into a scratch project that has only TypeScript, and checks
# that `rxmcp`, `rxmcp/protocol`, `rxmcp/node` and `rxmcp/testing` type-check with skipLibCheck: false (no @types
# the user would have to add), that the tarball carries no build leftovers, that the entry points
# load and the bin runs without the optional peers (express, ws, tsx), that a function needing a
# missing peer names it, and that with the peers installed the bin loads a TypeScript server.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/rxmcp-tarball.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

cd "$repo"
tarball="$(npm pack --silent --pack-destination "$scratch" | tail -n 1)"
if tar -tzf "$scratch/$tarball" | grep -E '^package/dist/browser-check/' >/dev/null; then
  echo "check-tarball: the tarball carries dist/browser-check" >&2
  exit 1
fi
typescript="$(node -p "require('./package.json').devDependencies.typescript")"

cd "$scratch"
cat > package.json <<'JSON'
{ "name": "rxmcp-tarball-check", "version": "0.0.0", "private": true, "type": "module" }
JSON
npm install --no-audit --no-fund --silent "./$tarball" "typescript@$typescript"
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022", "strict": true, "skipLibCheck": false, "noEmit": true }, "files": ["check.ts"] }
JSON
cat > check.ts <<'TS'
import { McpClient, McpServer } from 'rxmcp';
import { createStdioClientTransport, createNodeWebSocketClientTransport, serveMcp } from 'rxmcp/node';
import { createFakeTransport } from 'rxmcp/testing';
import { CallToolResultSchema, LATEST_PROTOCOL_VERSION } from 'rxmcp/protocol';

const server = new McpServer({ name: 'check', version: '1.0.0' });
export const parts = [server, McpClient, createStdioClientTransport, createNodeWebSocketClientTransport, serveMcp, createFakeTransport, CallToolResultSchema, LATEST_PROTOCOL_VERSION];
TS
npx tsc -p tsconfig.json
expected="$(node -p "require('$repo/package.json').version")"
actual="$(npx rxmcp --version)"
if [ "$actual" != "$expected" ]; then
  echo "check-tarball: rxmcp --version printed '$actual', package.json says $expected" >&2
  exit 1
fi
for peer in express ws tsx; do
  if [ -d "node_modules/$peer" ]; then
    echo "check-tarball: installing rxmcp alone installed its optional peer $peer" >&2
    exit 1
  fi
done
cat > peers.mjs <<'JS'
import { McpServer } from 'rxmcp';
import { createMcpRouter } from 'rxmcp/node';
try {
  createMcpRouter(new McpServer({ name: 'check', version: '1.0.0' }));
  throw new Error('createMcpRouter ran without express');
} catch (error) {
  if (!/needs the package "express".*npm install express/.test(error.message)) throw error;
}
JS
node peers.mjs
cat > server.ts <<'TS'
import { McpServer } from 'rxmcp';
const server: McpServer = new McpServer({ name: 'check', version: '1.0.0' });
export default server;
TS
if npx rxmcp run server.ts </dev/null >/dev/null 2>cli-error.txt; then
  echo "check-tarball: rxmcp run server.ts succeeded without tsx" >&2
  exit 1
fi
grep -q 'npm install tsx' cli-error.txt || { echo "check-tarball: without tsx, rxmcp run server.ts said: $(cat cli-error.txt)" >&2; exit 1; }
peer() { node -p "require('$repo/package.json').peerDependencies['$1']"; }
npm install --no-audit --no-fund --silent "tsx@$(peer tsx)" "express@$(peer express)" "ws@$(peer ws)"
npx rxmcp run server.ts </dev/null >/dev/null 2>cli-error.txt || { echo "check-tarball: rxmcp run server.ts with tsx failed: $(cat cli-error.txt)" >&2; exit 1; }
echo "check-tarball: $tarball installs, type-checks with skipLibCheck: false, rxmcp --version = $actual, runs without its optional peers and loads a .ts server with tsx"
