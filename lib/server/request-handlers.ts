/**
 * @module
 * Wires one session's MCP request handlers to the server's registries: lists with pagination,
 * `tools/call`, `resources/read`, subscriptions, `prompts/get`, `completion/complete` and
 * `logging/setLevel`.
 */
import { isObservable, map, type Observable } from 'rxjs';
import { ErrorCode, McpError } from '../protocol/errors.js';
import { isPlainCallToolParams, withFastPath, type SafeParser } from '../protocol/fast-path.js';
import type { LoggingLevel } from '../protocol/logging.js';
import { ClientRequestMethods, type ClientRequestMethod, type ParsedParamsOf, type ResultInputOf } from '../protocol/methods.js';
import type { HandlerContext, HandlerEvent } from '../session/types.js';
import { complete } from './completion.js';
import { createServerContext, type ServerContext } from './context.js';
import { asResultEvent } from './handler-outcome.js';
import { paginate } from './pagination.js';
import { getPrompt, type PromptEntry } from './prompts.js';
import type { Registry } from './registry.js';
import { listResources, readResource, type ResourceEntry, type ResourceTemplateEntry } from './resources.js';
import type { SessionState } from './session-state.js';
import { callTool, type ToolEntry } from './tools.js';

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
}

/** Params validators with a structural fast path, for the hottest methods. */
const FAST_PARAMS: Partial<Record<ClientRequestMethod, SafeParser<unknown>>> = {
  'tools/call': withFastPath(ClientRequestMethods['tools/call'].params, isPlainCallToolParams),
};

type Handler<M extends ClientRequestMethod> = (
  params: ParsedParamsOf<M>,
  ctx: ServerContext,
) => ResultInputOf<M> | Observable<ResultInputOf<M>>;

/**
 * Registers the handlers of every feature the session was announced (a feature it was not
 * announced answers -32601). Params are validated with the protocol schemas (-32602).
 */
export function registerRequestHandlers(state: SessionState, features: ServerFeatures): void {
  const { session, capabilities } = state;
  const on = <M extends ClientRequestMethod>(method: M, handler: Handler<M>) =>
    session.setRequestHandler(
      method,
      (params: ParsedParamsOf<M>, context: HandlerContext): Observable<HandlerEvent<unknown>> | ResultInputOf<M> => {
        const outcome = handler(params, createServerContext(state, context, features));
        return isObservable(outcome) ? outcome.pipe(asResultEvent<unknown>()) : outcome;
      },
      (FAST_PARAMS[method] ?? ClientRequestMethods[method].params) as never,
    );
  const page = <T>(items: readonly T[], cursor: string | undefined) => paginate(items, cursor, features.pageSize);

  on('logging/setLevel', ({ level }) => {
    state.logLevel = level;
    return {};
  });

  if (capabilities.tools) {
    on('tools/list', (params) => {
      const { items, nextCursor } = page(features.tools.list().map((entry) => entry.definition), params.cursor);
      return nextCursor === undefined ? { tools: items } : { tools: items, nextCursor };
    });
    on('tools/call', (params, ctx) => {
      const entry = features.tools.get(params.name);
      if (!entry) throw McpError.protocol(ErrorCode.InvalidParams, `Unknown tool: ${params.name}`);
      return callTool(entry, params.arguments, ctx);
    });
  }

  if (capabilities.resources) {
    on('resources/list', (params, ctx) =>
      listResources(features.resources.list(), features.templates.list(), ctx).pipe(
        map((all) => {
          const { items, nextCursor } = page(all, params.cursor);
          return nextCursor === undefined ? { resources: items } : { resources: items, nextCursor };
        }),
      ),
    );
    on('resources/templates/list', (params) => {
      const { items, nextCursor } = page(features.templates.list().map((entry) => entry.definition), params.cursor);
      return nextCursor === undefined ? { resourceTemplates: items } : { resourceTemplates: items, nextCursor };
    });
    on('resources/read', (params, ctx) => readResource(params.uri, (uri) => features.resources.get(uri), features.templates.list(), ctx));
    if (capabilities.resources.subscribe) {
      on('resources/subscribe', ({ uri }) => {
        state.subscriptions.add(uri);
        return {};
      });
      on('resources/unsubscribe', ({ uri }) => {
        state.subscriptions.delete(uri);
        return {};
      });
    }
  }

  if (capabilities.prompts) {
    on('prompts/list', (params) => {
      const { items, nextCursor } = page(features.prompts.list().map((entry) => entry.definition), params.cursor);
      return nextCursor === undefined ? { prompts: items } : { prompts: items, nextCursor };
    });
    on('prompts/get', (params, ctx) => {
      const entry = features.prompts.get(params.name);
      if (!entry) throw McpError.protocol(ErrorCode.InvalidParams, `Unknown prompt: ${params.name}`);
      return getPrompt(entry, params.arguments, ctx);
    });
  }

  if (capabilities.completions) {
    on('completion/complete', (params, ctx) =>
      complete(
        params,
        {
          prompt: (name) => {
            const entry = features.prompts.get(name);
            return entry && (entry.config.complete ?? {});
          },
          resource: (uri) => (features.templates.get(uri)?.config.complete ?? (features.resources.get(uri) ? {} : undefined)),
        },
        ctx,
      ),
    );
  }
}
