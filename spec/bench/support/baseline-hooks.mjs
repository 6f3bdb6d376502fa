// Module hooks for the benchmark's `rxmcp@<rev>` implementation (see baseline.ts): a bench program
// started with `--import <this file's URL>?package=<directory of a package>` resolves `rxmcp`
// and `rxmcp/…` as if imported from inside that package (its own exports map, its dist/), so the
// same bench programs measure another build of rxmcp. Plain JavaScript: it is loaded by Node
// itself, before tsx, and runs on the loader thread.
import { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

let packageUrl;

/** Loader thread: remembers which package.json `rxmcp` resolves from. */
export function initialize(data) {
  packageUrl = data.packageUrl;
}

/** Loader thread: `rxmcp` and `rxmcp/…` resolve through the baseline package's self-reference. */
export function resolve(specifier, context, nextResolve) {
  if (packageUrl && (specifier === 'rxmcp' || specifier.startsWith('rxmcp/'))) {
    return nextResolve(specifier, { ...context, parentURL: packageUrl });
  }
  return nextResolve(specifier, context);
}

// Main thread (the `--import` with `?package=`; a directory, as tsx takes a URL ending in .json for JSON): register this file, without the query, as the
// hooks. On the loader thread it is loaded without the query, so it registers nothing there.
const self = new URL(import.meta.url);
const wanted = self.searchParams.get('package');
if (wanted) {
  self.search = '';
  register(self.href, { data: { packageUrl: pathToFileURL(join(wanted, 'package.json')).href } });
}
