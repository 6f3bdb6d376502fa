import * as fs from 'node:fs';
import * as path from 'node:path';
import * as index from '../../lib/protocol/index.js';

describe('lib/protocol/index', () => {
  const dir = path.resolve(__dirname, '../../lib/protocol');
  const modules = fs.readdirSync(dir).filter((file) => file.endsWith('.ts') && file !== 'index.ts');

  it.each(modules)('re-exports every value of %s', async (file) => {
    const module: Record<string, unknown> = await import(path.join(dir, file));
    const missing = Object.keys(module).filter(
      (name) => name !== '__esModule' && (index as Record<string, unknown>)[name] !== module[name],
    );
    expect(missing).toEqual([]);
  });
});
