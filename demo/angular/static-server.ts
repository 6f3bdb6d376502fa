/**
 * A tiny static file server for the built demo (no dependencies; the demo is a handful of files).
 *
 * @example
 * const served = await serveFolder('.scratch/demo-angular/browser', 4200);
 * console.log(served.url);
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** A running static server. */
export interface ServedFolder {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `folder` on `127.0.0.1:port` (0: any free port); unknown paths get `index.html`. */
export async function serveFolder(folder: string, port = 0): Promise<ServedFolder> {
  const server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '');
    const file = join(folder, path === '/' ? 'index.html' : path);
    readFile(file)
      .catch(() => readFile(join(folder, 'index.html')))
      .then(
        (body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/html' }).end(body),
        () => response.writeHead(404).end(),
      );
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
