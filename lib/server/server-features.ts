/**
 * @module
 * What an `McpServer` offers its sessions, made from its options: a registry per feature (each
 * announcing its changes), the page size, the log threshold, the skills and the task runner.
 */
import { asyncScheduler } from 'rxjs';
import type { ListKind } from './list-changed.js';
import type { McpServerOptions } from './mcp-server-options.js';
import type { PromptEntry } from './prompts.js';
import { Registry } from './registry.js';
import type { ServerFeatures } from './request-handlers.js';
import type { ResourceEntry, ResourceTemplateEntry } from './resources.js';
import { SkillCatalog } from './skills/skill-catalog.js';
import { createInMemoryTaskStore } from './tasks/in-memory-task-store.js';
import { TaskRunner } from './tasks/task-runner.js';
import type { ToolEntry } from './tools.js';

/**
 * The features of a server with these `options`; `changed(kind)` is what a registry of that
 * kind calls when its registrations change.
 *
 * @example
 * const features = createServerFeatures(options, (kind) => () => notifier.changed(kind), createTaskRunner(options));
 */
export function createServerFeatures(
  options: McpServerOptions,
  changed: (kind: ListKind) => () => void,
  tasks: TaskRunner,
): ServerFeatures {
  return {
    tools: new Registry<ToolEntry>('Tool', changed('tools')),
    resources: new Registry<ResourceEntry>('Resource', changed('resources')),
    templates: new Registry<ResourceTemplateEntry>('Resource template', changed('resources')),
    prompts: new Registry<PromptEntry>('Prompt', changed('prompts')),
    pageSize: options.pageSize ?? 100,
    logLevel: options.logLevel ?? 'debug',
    skills: new SkillCatalog(),
    tasks,
  };
}

/**
 * The runner of a server's tasks: the `tasks` option on the server's scheduler, with an
 * in-memory store unless the option names one.
 *
 * @example
 * const tasks = createTaskRunner({ scheduler, tasks: { pollIntervalMs: 1000 } });
 */
export function createTaskRunner(options: McpServerOptions): TaskRunner {
  const scheduler = options.scheduler ?? asyncScheduler;
  return new TaskRunner({
    ...options.tasks,
    scheduler,
    store: options.tasks?.store ?? createInMemoryTaskStore(scheduler),
  });
}
