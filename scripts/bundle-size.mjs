// The size of a browser app's client-only import of the root entry (`rxmcp`), built the way a
// browser app's bundler builds it: Vite (Rollup: tree shaking, code splitting, esbuild's minifier),
// gzip -9 measuring each chunk. What the page loads up front — the entry chunk and the chunks it
// imports statically — must stay within the budget for `McpClient` + the Streamable HTTP transport
// (45 KB gzipped; the run fails otherwise). Beside it: the chunks `import()` fetches only when
// needed (the default JSON Schema engine, on the first result checked against a tool's
// `outputSchema`), the figure with all three browser transports, and esbuild's single-file bundle
// (esbuild inlines `import()` without code splitting; its splitting keeps chunks the barrel reaches
// up front, so builders on esbuild load the engine up front).
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { build } from 'vite';

const BUDGET_KB = 45;
const ENTRY = 'virtual:client-only';
const kb = (n) => (n / 1024).toFixed(1);
const entryOf = (names) => `export { ${names.join(', ')} } from './lib/index.ts';`;
const sizeOf = (codes) =>
  codes.reduce(
    (sum, code) => ({
      minified: sum.minified + Buffer.byteLength(code),
      gzipped: sum.gzipped + gzipSync(code, { level: 9 }).length,
    }),
    { minified: 0, gzipped: 0 },
  );

async function measure(names) {
  const { output } = await build({
    configFile: false,
    root: process.cwd(),
    logLevel: 'error',
    plugins: [
      {
        name: 'client-only-entry',
        resolveId: (id) => (id === ENTRY ? `\0${ENTRY}` : null),
        load: (id) => (id === `\0${ENTRY}` ? entryOf(names) : null),
      },
    ],
    build: {
      write: false,
      minify: 'esbuild',
      target: 'es2022',
      modulePreload: false,
      rollupOptions: { input: ENTRY, preserveEntrySignatures: 'strict', output: { format: 'es' } },
    },
  });
  const chunks = new Map(output.filter((file) => file.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
  // Up front: the entry and, transitively, what it imports statically.
  const upFront = new Set();
  const visit = (name) => {
    if (upFront.has(name)) return;
    upFront.add(name);
    for (const imported of chunks.get(name).imports) visit(imported);
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
  const codes = (up) => [...chunks.values()].filter((chunk) => upFront.has(chunk.fileName) === up).map((c) => c.code);
  return { ...sizeOf(codes(true)), lazy: sizeOf(codes(false)) };
}

async function singleFile(names) {
  const result = await esbuild({
    stdin: { contents: entryOf(names), resolveDir: process.cwd(), loader: 'ts', sourcefile: 'client-only.ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
  });
  return sizeOf([result.outputFiles[0].contents]);
}

const HTTP = ['McpClient', 'createStreamableHttpClientTransport'];
const http = await measure(HTTP);
const all = await measure([...HTTP, 'createSseClientTransport', 'createWebSocketClientTransport']);
const oneFile = await singleFile(HTTP);
const within = http.gzipped <= BUDGET_KB * 1024;
console.log(
  `client-only bundle of rxmcp, McpClient + Streamable HTTP: ${kb(http.minified)} KB minified, ${kb(http.gzipped)} KB gzipped up front (budget ${BUDGET_KB} KB: ${within ? 'within' : 'OVER'}); loaded on first need: ${kb(http.lazy.minified)} KB minified, ${kb(http.lazy.gzipped)} KB gzipped`,
);
console.log(
  `  with the legacy SSE and WebSocket transports too: ${kb(all.minified)} KB minified, ${kb(all.gzipped)} KB gzipped up front`,
);
console.log(
  `  esbuild, one file (the engine inlined): ${kb(oneFile.minified)} KB minified, ${kb(oneFile.gzipped)} KB gzipped`,
);
if (!within) process.exitCode = 1;
