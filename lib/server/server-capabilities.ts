/**
 * @module
 * The capabilities a server announces, derived from what is registered: in `initialize` (2025)
 * and in `server/discover` (2026-07-28, where tasks are an extension).
 */
import type { ServerCapabilities } from '../protocol/lifecycle.js';
import { SKILLS_EXTENSION } from '../protocol/skills.js';
import { TASKS_EXTENSION } from '../protocol/tasks-extension.js';
import type { ServerFeatures } from './request-handlers.js';

/** Whether any registered tool may run as a task (`execution.taskSupport` other than `'forbidden'`). */
function supportsTasks(features: ServerFeatures): boolean {
  return features.tools.list().some((tool) => (tool.config.execution?.taskSupport ?? 'forbidden') !== 'forbidden');
}

/**
 * The 2025 capabilities of what is registered (`logging` always, `completions` with any prompt or
 * resource template), with `extra` merged over them (one level deep for prompts, resources, tools).
 *
 * @example
 * deriveCapabilities(features, { experimental: { mine: {} } }) // { logging: {}, tools: { listChanged: true }, experimental: … }
 */
export function deriveCapabilities(features: ServerFeatures, extra: ServerCapabilities = {}): ServerCapabilities {
  const { tools, resources, templates, prompts } = features;
  const derived: ServerCapabilities = { logging: {} };
  if (prompts.size > 0 || templates.size > 0) derived.completions = {};
  if (prompts.size > 0) derived.prompts = { listChanged: true };
  if (resources.size > 0 || templates.size > 0) derived.resources = { subscribe: true, listChanged: true };
  if (tools.size > 0) derived.tools = { listChanged: true };
  if (supportsTasks(features)) derived.tasks = { list: {}, cancel: {}, requests: { tools: { call: {} } } };
  if (features.skills.size > 0)
    (derived as { extensions?: Record<string, unknown> }).extensions = { [SKILLS_EXTENSION]: { directoryRead: true } };
  const merged: ServerCapabilities = { ...derived, ...extra };
  for (const key of ['prompts', 'resources', 'tools'] as const) {
    if (derived[key] && extra[key]) merged[key] = { ...derived[key], ...extra[key] } as never;
  }
  return merged;
}

/**
 * The capabilities of `server/discover` from the 2025 ones: the tasks extension instead of
 * 2025's `tasks`.
 *
 * @example
 * discoverCapabilities(deriveCapabilities(features), features)
 */
export function discoverCapabilities(legacy: ServerCapabilities, features: ServerFeatures): ServerCapabilities {
  const { tasks: _legacyTasks, ...modern } = legacy;
  const extensions = {
    ...(modern as { extensions?: Record<string, unknown> }).extensions,
    ...(supportsTasks(features) ? { [TASKS_EXTENSION]: {} } : {}),
  };
  return Object.keys(extensions).length > 0 ? ({ ...modern, extensions } as ServerCapabilities) : modern;
}
