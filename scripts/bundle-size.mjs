// The size of a browser app's client-only import, `import { McpClient,
// createStreamableHttpClientTransport } from 'rxmcp'`, resolved as an app resolves it: through the
// package's `exports` to the built `dist/` (`npm run size` builds it first), with its
// `"sideEffects": false`. Each chunk is minified and measured gzipped (-9). Two builds are
// budgeted — what the page loads up front (the entry chunk and the chunks it imports statically)
// must stay within 45 KB gzipped, or the run fails:
//   1. Vite (Rollup: tree shaking, code splitting, esbuild's minifier), as a Vite app builds it;
//   2. esbuild with code splitting (`--splitting --format=esm`), as Angular's application builder
//      (`@angular/build`) and other esbuild-based builders build it.
// Printed beside them: the chunks `import()` fetches only when needed (the default JSON Schema
// engine, on the first result checked against a tool's `outputSchema`), Vite's figure with all
// three browser transports, and esbuild's single-file bundle (without splitting esbuild inlines
// `import()`, so that one holds the engine).
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { build } from 'vite';

const BUDGET_KB = 45;
const ENTRY = 'virtual:client-only';
const kb = (n) => (n / 1024).toFixed(1);
const entryOf = (names) => `export { ${names.join(', ')} } from 'rxmcp';`;
const sizeOf = (codes) =>
  codes.reduce(
    (sum, code) => ({
      minified: sum.minified + Buffer.byteLength(code),
      gzipped: sum.gzipped + gzipSync(code, { level: 9 }).length,
    }),
    { minified: 0, gzipped: 0 },
  );

// An app folder whose node_modules/rxmcp is this package, so `'rxmcp'` resolves as it does for users.
const app = resolve('.scratch/bundle-size-app');
rmSync(app, { recursive: true, force: true });
mkdirSync(join(app, 'node_modules'), { recursive: true });
symlinkSync(process.cwd(), join(app, 'node_modules', 'rxmcp'), 'dir');

/** What the entries load up front (the statically imported closure) and what only on `import()`. */
function split(chunks, entries, importsOf) {
  const upFront = new Set();
  const visit = (name) => {
    if (upFront.has(name)) return;
    upFront.add(name);
    for (const imported of importsOf(name)) visit(imported);
  };
  entries.forEach(visit);
  const codes = (up) => [...chunks].filter(([name]) => upFront.has(name) === up).map(([, code]) => code);
  return { ...sizeOf(codes(true)), lazy: sizeOf(codes(false)) };
}

async function vite(names) {
  const { output } = await build({
    configFile: false,
    root: app,
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
  const entries = [...chunks.values()].filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName);
  if (entries.length !== 1) throw new Error('Vite: no entry chunk found');
  const codes = new Map([...chunks].map(([name, chunk]) => [name, chunk.code]));
  return split(codes, entries, (name) => chunks.get(name).imports);
}

async function esbuildOf(names, splitting) {
  const entry = join(app, 'client-only.js');
  writeFileSync(entry, entryOf(names));
  const result = await esbuild({
    entryPoints: [entry],
    bundle: true,
    splitting,
    minify: true,
    write: false,
    metafile: true,
    outdir: join(app, 'out'),
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
  });
  // The metafile names files relative to the working directory, and `import()` targets as entry
  // points too: the page's entry is the one built from client-only.js.
  const outputs = result.metafile.outputs;
  const chunks = new Map(result.outputFiles.map((file) => [relative(process.cwd(), file.path), file.contents]));
  const entries = Object.keys(outputs).filter((name) => outputs[name].entryPoint === relative(process.cwd(), entry));
  if (entries.length !== 1 || !entries.every((name) => chunks.has(name)))
    throw new Error('esbuild: no entry chunk found');
  const importsOf = (name) =>
    outputs[name].imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => i.path);
  return split(chunks, entries, importsOf);
}

const HTTP = ['McpClient', 'createStreamableHttpClientTransport'];
const http = await vite(HTTP);
const all = await vite([...HTTP, 'createSseClientTransport', 'createWebSocketClientTransport']);
const esbuildSplit = await esbuildOf(HTTP, true);
const oneFile = await esbuildOf(HTTP, false);
const verdict = (size) => (size.gzipped <= BUDGET_KB * 1024 ? 'within' : 'OVER');
console.log(
  `client-only bundle of rxmcp, McpClient + Streamable HTTP (import from 'rxmcp'; budget ${BUDGET_KB} KB up front):`,
);
console.log(
  `  Vite: ${kb(http.minified)} KB minified, ${kb(http.gzipped)} KB gzipped up front (${verdict(http)}); loaded on first need: ${kb(http.lazy.minified)} KB minified, ${kb(http.lazy.gzipped)} KB gzipped`,
);
console.log(
  `  esbuild with splitting (Angular's builder): ${kb(esbuildSplit.minified)} KB minified, ${kb(esbuildSplit.gzipped)} KB gzipped up front (${verdict(esbuildSplit)}); loaded on first need: ${kb(esbuildSplit.lazy.minified)} KB minified, ${kb(esbuildSplit.lazy.gzipped)} KB gzipped`,
);
console.log(
  `  esbuild, one file (the engine inlined): ${kb(oneFile.minified)} KB minified, ${kb(oneFile.gzipped)} KB gzipped`,
);
console.log(
  `  Vite, with the legacy SSE and WebSocket transports too: ${kb(all.minified)} KB minified, ${kb(all.gzipped)} KB gzipped up front`,
);
if (verdict(http) === 'OVER' || verdict(esbuildSplit) === 'OVER') process.exitCode = 1;
