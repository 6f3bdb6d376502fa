/**
 * `npm run setup:python`: makes `.venv` hold the official Python MCP SDK pinned in
 * `spec/interop/fixtures/requirements.txt` (see `python-env.ts`); quick when it already does.
 */
import { resolve } from 'node:path';
import { ensurePythonEnv, pythonEnv } from './python-env.js';

const root = resolve(import.meta.dirname, '../..');
try {
  if (!ensurePythonEnv(root)) console.error(`${pythonEnv(root).venv} is up to date`);
} catch (error) {
  console.error(`setup:python failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
