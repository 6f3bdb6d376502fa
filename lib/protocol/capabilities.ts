/**
 * @module
 * Which capability each method needs, and a check of a capabilities object against it.
 *
 * A path indexes the capabilities of the peer that provides the feature: `tools`, `resources`,
 * `prompts`, `logging` and `completions` are server capabilities; `roots`, `sampling` and
 * `elicitation` client capabilities; `tasks` belongs to the peer that runs the tasks (the
 * receiver of `tasks/*` and of task-augmented requests, the sender of `notifications/tasks/status`).
 */

/** A path into a capabilities object, e.g. `['resources', 'subscribe']`. */
export type CapabilityPath = readonly string[];

const REQUIRED: Readonly<Record<string, CapabilityPath>> = {
  'resources/list': ['resources'],
  'resources/templates/list': ['resources'],
  'resources/read': ['resources'],
  'resources/subscribe': ['resources', 'subscribe'],
  'resources/unsubscribe': ['resources', 'subscribe'],
  'prompts/list': ['prompts'],
  'prompts/get': ['prompts'],
  'tools/list': ['tools'],
  'tools/call': ['tools'],
  'logging/setLevel': ['logging'],
  'completion/complete': ['completions'],
  'sampling/createMessage': ['sampling'],
  'elicitation/create': ['elicitation'],
  'roots/list': ['roots'],
  'tasks/get': ['tasks'],
  'tasks/result': ['tasks'],
  'tasks/list': ['tasks', 'list'],
  'tasks/cancel': ['tasks', 'cancel'],
  'notifications/message': ['logging'],
  'notifications/resources/updated': ['resources', 'subscribe'],
  'notifications/resources/list_changed': ['resources', 'listChanged'],
  'notifications/prompts/list_changed': ['prompts', 'listChanged'],
  'notifications/tools/list_changed': ['tools', 'listChanged'],
  'notifications/roots/list_changed': ['roots', 'listChanged'],
  'notifications/elicitation/complete': ['elicitation', 'url'],
  'notifications/tasks/status': ['tasks'],
};

const TASK_REQUESTS: Readonly<Record<string, CapabilityPath>> = {
  'tools/call': ['tasks', 'requests', 'tools', 'call'],
  'sampling/createMessage': ['tasks', 'requests', 'sampling', 'createMessage'],
  'elicitation/create': ['tasks', 'requests', 'elicitation', 'create'],
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * The capability a method needs, or `undefined` when none does (`initialize`, `ping`,
 * `notifications/cancelled`, `notifications/progress`, `notifications/initialized`, unknown methods).
 *
 * @example
 * requiredCapability('tools/call')          // ['tools']
 * requiredCapability('resources/subscribe') // ['resources', 'subscribe']
 */
export function requiredCapability(method: string): CapabilityPath | undefined {
  return Object.prototype.hasOwnProperty.call(REQUIRED, method) ? REQUIRED[method] : undefined;
}

/**
 * Every capability a particular message needs, given its params: the method's own, plus
 * `tasks.requests.…` for task-augmented requests, `sampling.tools` / `sampling.context` for
 * sampling with tools or context, and `elicitation.url` for URL-mode elicitation.
 *
 * @example
 * requiredCapabilities('elicitation/create', { mode: 'url', … }) // [['elicitation', 'url']]
 */
export function requiredCapabilities(method: string, params?: unknown): CapabilityPath[] {
  const base = requiredCapability(method);
  if (!base) return [];
  const paths: CapabilityPath[] = [base];
  if (!isRecord(params)) return paths;
  if (method === 'elicitation/create' && params['mode'] === 'url') paths[0] = ['elicitation', 'url'];
  if (method === 'sampling/createMessage') {
    if (params['tools'] !== undefined || params['toolChoice'] !== undefined) paths.push(['sampling', 'tools']);
    if (params['includeContext'] === 'thisServer' || params['includeContext'] === 'allServers')
      paths.push(['sampling', 'context']);
  }
  const task = TASK_REQUESTS[method];
  if (task && params['task'] !== undefined) paths.push(task);
  return paths;
}

/**
 * Whether `capabilities` declares `path`: every step is present, and a boolean leaf is `true`.
 *
 * @example
 * hasCapability({ resources: { subscribe: true } }, ['resources', 'subscribe']) // true
 * hasCapability({ resources: {} }, ['resources', 'subscribe'])                 // false
 */
export function hasCapability(capabilities: object | undefined, path: CapabilityPath): boolean {
  let node: unknown = capabilities;
  for (const key of path) {
    if (!isRecord(node) || !Object.prototype.hasOwnProperty.call(node, key)) return false;
    node = node[key];
  }
  return node !== undefined && node !== null && node !== false;
}

/**
 * The first capability a message needs that `capabilities` lacks, or `undefined` if it may be sent.
 *
 * @example
 * const missing = missingCapability(serverCapabilities, 'tools/call', params);
 * if (missing) throw McpError.protocol(ErrorCode.MethodNotFound, `Server lacks ${missing.join('.')}`);
 */
export function missingCapability(
  capabilities: object | undefined,
  method: string,
  params?: unknown,
): CapabilityPath | undefined {
  for (const path of requiredCapabilities(method, params)) if (!hasCapability(capabilities, path)) return path;
  return undefined;
}
