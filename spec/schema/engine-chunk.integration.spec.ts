/**
 * Where the default JSON Schema engine lands when an esbuild-based builder (Angular's application
 * builder among them) bundles the root entry with code splitting: a client-only import fetches it
 * by `import()` only, while the server, which compiles tool schemas at once, has it up front.
 * (Integration: esbuild runs as a child process.)
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(__dirname, '../..');
const ENGINE = /node_modules\/@cfworker\/json-schema\//;

/** The inputs of the chunks the entry loads up front, and of those it loads only by `import()`. */
async function bundle(names: string[]): Promise<{ upFront: string[]; lazy: string[] }> {
  const { metafile } = await build({
    stdin: { contents: `export { ${names.join(', ')} } from './lib/index.ts';`, resolveDir: root, loader: 'ts' },
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = metafile.outputs;
  const upFront = new Set<string>();
  const visit = (name: string): void => {
    if (upFront.has(name)) return;
    upFront.add(name);
    for (const used of outputs[name]!.imports) if (used.kind === 'import-statement' && !used.external) visit(used.path);
  };
  visit(Object.keys(outputs).find((name) => outputs[name]!.entryPoint === '<stdin>')!);
  const inputsOf = (up: boolean) =>
    Object.keys(outputs)
      .filter((name) => upFront.has(name) === up)
      .flatMap((name) => Object.keys(outputs[name]!.inputs));
  return { upFront: inputsOf(true), lazy: inputsOf(false) };
}

describe('the default JSON Schema engine under esbuild code splitting', () => {
  it('is not loaded up front by a client-only import, only by import() on first need', async () => {
    const { upFront, lazy } = await bundle(['McpClient', 'createStreamableHttpClientTransport']);
    expect(upFront.some((input) => input.endsWith('lib/client/mcp-client.ts'))).toBe(true);
    expect(upFront.filter((input) => ENGINE.test(input))).toEqual([]);
    expect(lazy.some((input) => ENGINE.test(input))).toBe(true);
  }, 60_000);

  it('is loaded up front with McpServer, which compiles raw tool schemas at once', async () => {
    const { upFront } = await bundle(['McpServer']);
    expect(upFront.some((input) => ENGINE.test(input))).toBe(true);
  }, 60_000);
});
