/**
 * The jest transform of the Angular specs (jest.angular.config.ts): esbuild turns TypeScript (with
 * the decorators Angular's JIT compiler reads) and Angular's ESM packages (.mjs) into CommonJS.
 */
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'es2022',
      sourcefile: filename,
      sourcemap: 'external',
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
      logLevel: 'silent',
    });
    return { code, map };
  },
};
