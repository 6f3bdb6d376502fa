/**
 * @module
 * The MCP request handlers a server's sessions share, wired to its registries: lists with pagination,
 * `tools/call`, `resources/read`, subscriptions, `prompts/get`, `completion/complete` and
 * `logging/setLevel`.
 */
import { isObservable, map, type Observable } from 'rxjs';
import { ErrorCode, McpError } from '../protocol/errors.js';
import { isPlainCallToolParams, withFastPath, type SafeParser } from '../protocol/fast-path.js';
import type { LoggingLevel } from '../protocol/logging.js';
import {
  ClientRequestMethods,
  type ClientRequestMethod,
  type ParsedParamsOf,
  type ResultInputOf,
} from '../protocol/methods.js';
import type { ServerCapabilities } from '../protocol/lifecycle.js';
import type { HandlerEntry } from '../session/incoming-request.js';
import { handlerEntry, type Session } from '../session/session.js';
import type { HandlerContext, HandlerEvent } from '../session/session-api.js';
import { complete } from './completion.js';
import { createServerContext, type ServerContext } from './context.js';
import { asResultEvent } from './handler-outcome.js';
import { paginate } from './pagination.js';
import { getPrompt, type PromptEntry } from './prompts.js';
import type { Registry } from './registry.js';
import { listResources, readResource, type ResourceEntry, type ResourceTemplateEntry } from './resources.js';
import type { SessionState } from './session-state.js';
import { legacyStatusSink } from './tasks/adopted-task-status.js';
import { callTool, type ToolEntry } from './tools.js';
import { declaresExtension } from '../protocol/tasks-extension.js';
import { SKILLS_EXTENSION } from '../protocol/skills.js';
import type { SkillCatalog } from './skills/skill-catalog.js';
import { legacyTaskOf, serveLegacyTaskMethod, startLegacyTask, taskOwnerOf } from './tasks/legacy-tasks.js';
import type { TaskRunner } from './tasks/task-runner.js';
import { SKILL_HANDLERS, type ExtensionHandler } from './skills/skill-handlers.js';

/** What a server offers its sessions. */
export interface ServerFeatures {
  readonly tools: Registry<ToolEntry>;
  readonly resources: Registry<ResourceEntry>;
  readonly templates: Registry<ResourceTemplateEntry>;
  readonly prompts: Registry<PromptEntry>;
  /** Items per page of `…/list` results. */
  readonly pageSize: number;
  /** Log threshold before the client sends `logging/setLevel`. */
  readonly logLevel: LoggingLevel;
  /** The skills served (the skills extension, SEP-2640). */
  readonly skills: SkillCatalog;
  /** Runs the tasks of task-supporting tools (both eras). */
  readonly tasks: TaskRunner;
}

/** Params validators with a structural fast path, for the hottest methods. */
const FAST_PARAMS: Partial<Record<ClientRequestMethod, SafeParser<unknown>>> = {
  'tools/call': withFastPath(ClientRequestMethods['tools/call'].params, isPlainCallToolParams),
};

type Handler<M extends ClientRequestMethod> = (
  params: ParsedParamsOf<M>,
  ctx: ServerContext,
  state: SessionState,
  features: ServerFeatures,
) => ResultInputOf<M> | Observable<ResultInputOf<M>>;

type HandlerTable = { readonly [M in ClientRequestMethod]?: Handler<M> };

/** The `items` of a page of `list` and its `nextCursor`, under the result key `key`. */
function listPage<K extends string, T>(
  key: K,
  list: readonly T[],
  cursor: string | undefined,
  features: ServerFeatures,
) {
  const { items, nextCursor } = paginate(list, cursor, features.pageSize);
  return (nextCursor === undefined ? { [key]: items } : { [key]: items, nextCursor }) as { [P in K]: T[] } & {
    nextCursor?: string;
  };
}

/**
 * The handlers, by the capability that announces them. They are shared by every session: what
 * is per session (the state, the request's context) comes in as arguments.
 */
const LOGGING: HandlerTable = {
  'logging/setLevel': ({ level }, _ctx, state) => {
    state.logLevel = level;
    return {};
  },
};

const TOOLS: HandlerTable = {
  // No state: a 2026-07-28 request, shown output schemas of any JSON value; 2025 sessions see them wrapped.
  'tools/list': (params, _ctx, state, features) =>
    listPage(
      'tools',
      features.tools.list().map((entry) => (state === undefined ? entry.definition : entry.legacyDefinition)),
      params.cursor,
      features,
    ),
  'tools/call': (params, ctx, state, features) => {
    const entry = features.tools.get(params.name);
    if (!entry) throw McpError.protocol(ErrorCode.InvalidParams, `Unknown tool: ${params.name}`);
    // On a 2025 session (the 2026-07-28 path has no state) `params.task` asks for an experimental task.
    const task = state === undefined ? undefined : legacyTaskOf(entry, params.task);
    if (task) {
      return startLegacyTask(
        features.tasks,
        taskOwnerOf(state),
        ctx,
        task,
        (taskCtx) => callTool(entry, params.arguments, taskCtx, 'legacy'),
        legacyStatusSink(state),
      ) as never;
    }
    return callTool(entry, params.arguments, ctx, state === undefined ? 'modern' : 'legacy');
  },
};

/** The experimental tasks of 2025-11-25, each session seeing its own. */
const LEGACY_TASKS: HandlerTable = {
  'tasks/get': (params, _ctx, state, features) =>
    serveLegacyTaskMethod(features.tasks, 'tasks/get', params, taskOwnerOf(state), features.pageSize) as never,
  'tasks/result': (params, _ctx, state, features) =>
    serveLegacyTaskMethod(features.tasks, 'tasks/result', params, taskOwnerOf(state), features.pageSize) as never,
  'tasks/list': (params, _ctx, state, features) =>
    serveLegacyTaskMethod(features.tasks, 'tasks/list', params, taskOwnerOf(state), features.pageSize) as never,
  'tasks/cancel': (params, _ctx, state, features) =>
    serveLegacyTaskMethod(features.tasks, 'tasks/cancel', params, taskOwnerOf(state), features.pageSize) as never,
};

const RESOURCES: HandlerTable = {
  'resources/list': (params, ctx, _state, features) =>
    listResources(features.resources.list(), features.templates.list(), ctx).pipe(
      map((all) => listPage('resources', all, params.cursor, features)),
    ),
  'resources/templates/list': (params, _ctx, _state, features) =>
    listPage(
      'resourceTemplates',
      features.templates.list().map((entry) => entry.definition),
      params.cursor,
      features,
    ),
  'resources/read': (params, ctx, _state, features) =>
    readResource(params.uri, (uri) => features.resources.get(uri), features.templates.list(), ctx),
};

const SUBSCRIPTIONS: HandlerTable = {
  'resources/subscribe': ({ uri }, _ctx, state) => {
    state.subscribe(uri);
    return {};
  },
  'resources/unsubscribe': ({ uri }, _ctx, state) => {
    state.unsubscribe(uri);
    return {};
  },
};

const PROMPTS: HandlerTable = {
  'prompts/list': (params, _ctx, _state, features) =>
    listPage(
      'prompts',
      features.prompts.list().map((entry) => entry.definition),
      params.cursor,
      features,
    ),
  'prompts/get': (params, ctx, _state, features) => {
    const entry = features.prompts.get(params.name);
    if (!entry) throw McpError.protocol(ErrorCode.InvalidParams, `Unknown prompt: ${params.name}`);
    return getPrompt(entry, params.arguments, ctx);
  },
};

const COMPLETIONS: HandlerTable = {
  'completion/complete': (params, ctx, _state, features) =>
    complete(
      params,
      {
        prompt: (name) => {
          const entry = features.prompts.get(name);
          return entry && (entry.config.complete ?? {});
        },
        resource: (uri) =>
          features.templates.get(uri)?.config.complete ?? (features.resources.get(uri) ? {} : undefined),
      },
      ctx,
    ),
};

/** An Observable outcome's values as result events (one operator for every request). */
const toResultEvent = asResultEvent<unknown>();

/**
 * The handlers of every feature in `capabilities` (a feature not announced answers -32601), as
 * one table shared by all the sessions announced those capabilities: each request finds its
 * session's state with `stateOf(context.session)`. Params are validated with the protocol
 * schemas (-32602).
 *
 * @example
 * const handlers = createRequestHandlers(server.capabilities, features, (session) => states.get(session)!);
 * createServerSession(transport, { serverInfo, capabilities, handlers });
 */
export function createRequestHandlers(
  capabilities: ServerCapabilities,
  features: ServerFeatures,
  stateOf: (session: Session) => SessionState,
): ReadonlyMap<string, HandlerEntry> {
  const table = new Map<string, HandlerEntry>();
  const add = (methods: HandlerTable) => {
    for (const method of Object.keys(methods) as ClientRequestMethod[]) {
      const handler = methods[method] as Handler<ClientRequestMethod>;
      const handle = (params: unknown, context: HandlerContext): Observable<HandlerEvent<unknown>> | unknown => {
        const state = stateOf(context.session);
        const outcome = handler(params as never, createServerContext(state, context, features), state, features);
        return isObservable(outcome) ? outcome.pipe(toResultEvent) : outcome;
      };
      table.set(method, handlerEntry(handle, (FAST_PARAMS[method] ?? ClientRequestMethods[method].params) as never));
    }
  };
  add(LOGGING);
  if (capabilities.tools) add(TOOLS);
  if (capabilities.resources) {
    add(RESOURCES);
    if (capabilities.resources.subscribe) add(SUBSCRIPTIONS);
  }
  if (capabilities.prompts) add(PROMPTS);
  if (capabilities.completions) add(COMPLETIONS);
  if (capabilities.tasks) add(LEGACY_TASKS);
  for (const [method, handler] of extensionHandlers(capabilities)) {
    const handle = (params: unknown, _context: HandlerContext): Observable<HandlerEvent<unknown>> | unknown => {
      const outcome = handler.run(params as never, features);
      return isObservable(outcome) ? outcome.pipe(toResultEvent) : outcome;
    };
    table.set(method, handlerEntry(handle, handler.params as never));
  }
  return table;
}

/** The handlers of the extensions `capabilities` declare. */
function extensionHandlers(capabilities: ServerCapabilities): Array<[string, ExtensionHandler]> {
  return declaresExtension(capabilities, SKILLS_EXTENSION) ? Object.entries(SKILL_HANDLERS) : [];
}

/** A feature's handler as the 2026-07-28 path runs it: no session, the raw outcome. */
export interface FeatureHandler {
  /** Runs the handler on validated params. */
  readonly run: (params: unknown, ctx: ServerContext, features: ServerFeatures) => unknown;
  /** The params schema (a failed parse answers -32602). */
  readonly params: SafeParser<unknown>;
}

/**
 * The feature handlers of `capabilities` for stateless (2026-07-28) requests: the same functions
 * 2025 sessions run, without the methods that revision removed (`logging/setLevel`,
 * `resources/subscribe`, `resources/unsubscribe`).
 *
 * @example
 * const handlers = createFeatureHandlers(server.capabilities);
 * handlers.get('tools/list')!.run({}, ctx, features);
 */
export function createFeatureHandlers(capabilities: ServerCapabilities): ReadonlyMap<string, FeatureHandler> {
  const table = new Map<string, FeatureHandler>();
  const add = (methods: HandlerTable) => {
    for (const method of Object.keys(methods) as ClientRequestMethod[]) {
      const handler = methods[method] as Handler<ClientRequestMethod>;
      const params = (FAST_PARAMS[method] ?? ClientRequestMethods[method].params) as SafeParser<unknown>;
      table.set(method, {
        run: (parsed, ctx, features) => handler(parsed as never, ctx, undefined as never, features),
        params,
      });
    }
  };
  if (capabilities.tools) add(TOOLS);
  if (capabilities.resources) add(RESOURCES);
  if (capabilities.prompts) add(PROMPTS);
  if (capabilities.completions) add(COMPLETIONS);
  for (const [method, handler] of extensionHandlers(capabilities)) {
    table.set(method, {
      run: (parsed, _ctx, features) => handler.run(parsed as never, features),
      params: handler.params,
    });
  }
  return table;
}
