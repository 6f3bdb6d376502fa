/**
 * A second origin for the browser specs: a page bundled by esbuild (platform browser, so a Node
 * import fails the build) served by a tiny static server on its own port.
 *
 * @example
 * const origin = await servePage('spec/browser/fixtures/page.ts');
 * await page.goto(origin.url);
 * await origin.close();
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { build } from 'esbuild';

/** A page served from `url` (e.g. `http://127.0.0.1:41234`). */
export interface PageOrigin {
  readonly url: string;
  close(): Promise<void>;
}

const root = resolve(__dirname, '../../..');
const html = `<!doctype html><html><head><meta charset="utf-8"><title>rxmcp in Chromium</title>
<style>body{font:14px system-ui;margin:16px}pre{background:#f4f4f8;padding:12px;border-radius:6px}</style></head>
<body><h1>rxmcp in Chromium</h1><pre id="app"></pre><script type="module" src="/page.js"></script></body></html>`;

/** Bundles `entry` (a path from the repository root) and serves it with an HTML shell at `/` and at any `/NAME.html`. */
export async function servePage(entry: string): Promise<PageOrigin> {
  const bundled = await build({
    entryPoints: [resolve(root, entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  const script = bundled.outputFiles[0]!.contents;
  const server = createServer((request, response) => {
    if (request.url === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (request.url === '/' || /^\/[\w-]+\.html(\?|$)/.test(request.url ?? '')) {
      // Every page (`/`, `/oauth-callback.html?code=…`) is the same shell; the script looks at its path.
      response.writeHead(200, { 'content-type': 'text/html' }).end(html);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
