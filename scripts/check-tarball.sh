#!/usr/bin/env bash
# Packs rxmcp, installs the tarball into a scratch project that has only TypeScript, and checks
# that `rxmcp`, `rxmcp/protocol`, `rxmcp/node` and `rxmcp/testing` type-check with skipLibCheck: false (no @types
# the user would have to add), that the tarball carries no build leftovers, and that the bin runs.
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
echo "check-tarball: $tarball installs, type-checks with skipLibCheck: false, rxmcp --version = $actual"
