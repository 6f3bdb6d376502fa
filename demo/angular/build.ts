/**
 * Builds the Angular demo with Angular's own builder (`@angular/build:application`, run through
 * Architect as `ng build` would) into `.scratch/demo-angular/browser/`.
 *
 * @example
 * node --import tsx demo/angular/build.ts
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Architect } from '@angular-devkit/architect';
import { WorkspaceNodeModulesArchitectHost } from '@angular-devkit/architect/node/index.js';
import { logging, schema, workspaces } from '@angular-devkit/core';
import { NodeJsSyncHost } from '@angular-devkit/core/node';

/** The demo's folder (its Angular workspace). */
export const demoRoot = dirname(fileURLToPath(import.meta.url));
/** Where the built app lands. */
export const demoOutput = resolve(demoRoot, '../../.scratch/demo-angular/browser');

/** Runs the workspace's `demo:build` target; rejects if it fails. */
export async function buildDemo(): Promise<void> {
  const registry = new schema.CoreSchemaRegistry();
  registry.addPostTransform(schema.transforms.addUndefinedDefaults);
  const { workspace } = await workspaces.readWorkspace(demoRoot, workspaces.createWorkspaceHost(new NodeJsSyncHost()));
  const architect = new Architect(new WorkspaceNodeModulesArchitectHost(workspace, demoRoot), registry);
  const logger = new logging.Logger('demo');
  logger.subscribe((entry) =>
    (entry.level === 'error' || entry.level === 'fatal' ? console.error : console.log)(entry.message),
  );
  const run = await architect.scheduleTarget({ project: 'demo', target: 'build' }, {}, { logger });
  const output = await run.result;
  await run.stop();
  if (!output.success) throw new Error(`The Angular build failed${output.error ? `: ${output.error}` : ''}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildDemo().then(
    () => console.log(`built into ${demoOutput}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
