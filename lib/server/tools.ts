/**
 * @module
 * Tools: their configuration, handler and result types, how they appear in `tools/list`, and how
 * `tools/call` validates arguments, runs the handler and shapes the result.
 */
import type { CacheHints } from '../protocol/modern.js';
import { catchError, isObservable, map, type Observable, of } from 'rxjs';
import type { Icon } from '../protocol/common.js';
import type { ContentBlock } from '../protocol/content.js';
import { ErrorCode, isMcpError, McpError } from '../protocol/errors.js';
import { isPlainCallToolResult } from '../protocol/fast-path.js';
import type { ToolEra } from '../protocol/modern-tools.js';
import {
  ModernCallToolResultSchema,
  type CallToolResult,
  type Tool,
  type ToolAnnotations,
  type ToolExecution,
} from '../protocol/tools.js';
import { isPromiseLike } from '../session/incoming-request.js';
import { isPeerRequestError, type ServerContext } from './context.js';
import { fromOutcome, type HandlerOutcome } from './handler-outcome.js';
import type { JsonSchemaValidator } from '../schema/json-schema-validator.js';
import {
  compileSchema,
  type CompiledSchema,
  type InferSchema,
  type InferSchemaInput,
  type ToolOutputSchemaLike,
  type ToolSchemaLike,
} from './json-schema.js';
import { legacyOutputSchema, legacyToolResult } from './legacy-structured-content.js';
import type { RegisteredHandle } from './registry.js';
import { taskContinuationOf } from './tasks/task-escalation.js';

/**
 * How a tool presents itself and what it accepts. `inputSchema` is a zod object schema (announced
 * as JSON Schema 2020-12) or a raw JSON Schema object (announced verbatim, validated with the
 * server's engine); `outputSchema` likewise, of any JSON value (2026-07-28): 2025 sessions see a
 * non-object output wrapped as `{ result: value }` (see `legacyOutputSchema`).
 */
export interface ToolConfig<
  In extends ToolSchemaLike | undefined = undefined,
  Out extends ToolOutputSchemaLike | undefined = undefined,
> {
  /** Caching hints of this entry's results on 2026-07-28 requests (lists take the strictest entry). */
  cache?: Partial<CacheHints>;
  title?: string;
  description?: string;
  /** The arguments; without one the tool takes none (`{ type: 'object', additionalProperties: false }`). */
  inputSchema?: In;
  /**
   * The shape of `structuredContent` (any JSON value, e.g. `z.array(…)`); with one, every successful
   * result must carry valid structured content. 2025 sessions are shown a non-object schema as
   * `{ type: 'object', properties: { result: schema }, required: ['result'] }` and get `{ result: value }`.
   */
  outputSchema?: Out;
  annotations?: ToolAnnotations;
  icons?: Icon[];
  /** `taskSupport` (`'forbidden'` | `'optional'` | `'required'`) says whether calls may run as tasks (announced in `tools/list`). */
  execution?: ToolExecution;
  /** How a task-supporting tool becomes a task; see {@link ToolTaskOptions}. */
  task?: ToolTaskOptions;
  _meta?: Record<string, unknown>;
  /**
   * OAuth scopes a call needs. A protected HTTP host answers a call whose token lacks them with
   * 403 `insufficient_scope` naming them (the client can step up); elsewhere (WebSocket) a call
   * with a verified identity lacking them gets JSON-RPC error -32600. Not shown in `tools/list`.
   */
  scopes?: readonly string[];
}

/** How calls of a task-supporting tool run as tasks. */
export interface ToolTaskOptions {
  /**
   * `'call'`: a call whose client allows tasks is answered with a task at once and the handler
   * runs as the task; `'handler'`: the handler runs as an ordinary call (MRTR input rounds
   * included) and hands over with `runAsTask(ctx, work)`. @defaultValue `'call'`
   */
  start?: 'call' | 'handler';
  /** Retention of this tool's tasks in milliseconds (capped by the server's). @defaultValue the server's */
  ttlMs?: number;
}

/** The arguments a tool handler receives: parsed by its zod schema, or as sent for raw schemas. */
export type ToolArguments<In> = In extends ToolSchemaLike ? InferSchema<In> : Record<string, unknown>;

/** The `structuredContent` a tool handler returns (the input type of a zod output schema; any JSON value without one). */
export type ToolStructuredContent<Out> = Out extends ToolOutputSchemaLike ? InferSchemaInput<Out> : unknown;

/** A tool result as a handler may return it: `content` may be left out when `structuredContent` is given. */
export interface ToolResultObject<S = Record<string, unknown>> {
  content?: ContentBlock[];
  structuredContent?: S;
  isError?: boolean;
  _meta?: Record<string, unknown>;
  [key: string]: unknown;
}

/** What a tool handler returns: a string (one text content), or a result object. */
export type ToolResult<S = Record<string, unknown>> = string | ToolResultObject<S>;

/**
 * A tool handler. Returns a {@link ToolResult}, a Promise of one, or an Observable whose last value
 * is the result (unsubscribed if the client cancels). Throwing reports a tool error
 * (`isError: true`); throwing `McpError.protocol(code, …)` answers with that JSON-RPC error instead.
 *
 * @example
 * const echo: ToolHandler<typeof input> = ({ text }) => text;
 */
export type ToolHandler<
  In extends ToolSchemaLike | undefined = undefined,
  Out extends ToolOutputSchemaLike | undefined = undefined,
> = (args: ToolArguments<In>, ctx: ServerContext) => HandlerOutcome<ToolResult<ToolStructuredContent<Out>>>;

/** Changes to a registered tool: any part of its config, its name, or its handler. */
export type ToolUpdate<In extends ToolSchemaLike | undefined, Out extends ToolOutputSchemaLike | undefined> = Partial<
  ToolConfig<In, Out>
> & {
  name?: string;
  handler?: ToolHandler<In, Out>;
};

/** The handle of a registered tool. */
export type RegisteredTool<
  In extends ToolSchemaLike | undefined = undefined,
  Out extends ToolOutputSchemaLike | undefined = undefined,
> = RegisteredHandle<ToolUpdate<In, Out>>;

/** A tool as the server keeps it. */
export interface ToolEntry {
  readonly name: string;
  readonly config: ToolConfig<ToolSchemaLike | undefined, ToolOutputSchemaLike | undefined>;
  readonly handler: ToolHandler<any, any>;
  /** What `tools/list` shows a 2026-07-28 request. */
  readonly definition: Tool;
  /** What `tools/list` shows a 2025 session (a non-object output schema wrapped). */
  readonly legacyDefinition: Tool;
  /** Whether 2025 sessions get `structuredContent` wrapped as `{ result: value }` (the output schema is not an object's). */
  readonly wrapsOutput: boolean;
  readonly input: CompiledSchema;
  readonly output: CompiledSchema<unknown> | undefined;
}

const NO_ARGUMENTS = { type: 'object', additionalProperties: false } as const;

/**
 * Compiles a tool's schemas (raw JSON Schemas with `engine`, the default one when omitted) and
 * its definitions for both eras; throws on an input schema that is not an object schema.
 */
export function createToolEntry(
  name: string,
  config: ToolEntry['config'],
  handler: ToolEntry['handler'],
  engine?: JsonSchemaValidator,
): ToolEntry {
  const input = compileSchema(config.inputSchema ?? NO_ARGUMENTS, 'input', engine) as CompiledSchema;
  const output =
    config.outputSchema === undefined
      ? undefined
      : (compileSchema(config.outputSchema, 'output', engine) as CompiledSchema<unknown>);
  const definition: Tool = { name, inputSchema: input.jsonSchema as Tool['inputSchema'] };
  if (config.title !== undefined) definition.title = config.title;
  if (config.description !== undefined) definition.description = config.description;
  if (output) definition.outputSchema = output.jsonSchema;
  if (config.annotations !== undefined) definition.annotations = config.annotations;
  if (config.icons !== undefined) definition.icons = config.icons;
  if (config.execution !== undefined) definition.execution = config.execution;
  if (config._meta !== undefined) definition._meta = config._meta;
  const legacy = output ? legacyOutputSchema(output.jsonSchema) : undefined;
  const legacyDefinition: Tool = legacy?.wraps ? { ...definition, outputSchema: legacy.schema } : definition;
  return { name, config, handler, definition, legacyDefinition, wrapsOutput: legacy?.wraps === true, input, output };
}

/** Applies a {@link ToolUpdate} to an entry. */
export function updateToolEntry(
  entry: ToolEntry,
  changes: ToolUpdate<any, any>,
  engine?: JsonSchemaValidator,
): { key: string; value: ToolEntry } {
  const { name = entry.name, handler = entry.handler, ...config } = changes;
  return { key: name, value: createToolEntry(name, { ...entry.config, ...config }, handler, engine) };
}

/**
 * Runs `tools/call` for a known tool, shaping the result for `era` (2025 sessions get a
 * non-object `structuredContent` wrapped, see `legacyToolResult`):
 * - arguments failing the input schema → a result with `isError: true` explaining why;
 * - a thrown error, rejection or Observable error → `isError: true` with its message, except an
 *   `McpError` of kind `'protocol'` the handler raised itself (not one from `ctx.sample` & co.),
 *   which becomes the JSON-RPC error of the call (e.g. -32042 URL elicitation required);
 * - a malformed result, or with an `outputSchema` a successful result whose `structuredContent`
 *   is missing or invalid → JSON-RPC error -32603 (a server bug, not something the model can fix);
 * - `structuredContent` without `content` → a text content with its JSON is added.
 */
export function callTool(
  entry: ToolEntry,
  args: Record<string, unknown> | undefined,
  ctx: ServerContext,
  era: ToolEra,
): CallToolResult | Observable<CallToolResult> {
  const scopes = entry.config.scopes;
  const granted = scopes && ctx.auth?.scopes;
  if (granted && !scopes.every((scope) => granted.includes(scope))) {
    throw McpError.protocol(
      ErrorCode.InvalidRequest,
      `Insufficient scope: tool ${entry.name} needs scope ${scopes.join(' ')}`,
      { error: 'insufficient_scope', scope: scopes.join(' ') },
    );
  }
  const input = entry.input.validate(args ?? {});
  if (!input.ok) return toolError(`Invalid arguments for tool ${entry.name}: ${input.message}`);
  return finishToolOutcome(entry, () => entry.handler(input.value, ctx), era);
}

/**
 * Runs `run` (a tool handler, or the continuation it handed over with `runAsTask`) and shapes its
 * outcome as {@link callTool} does.
 */
export function finishToolOutcome(
  entry: ToolEntry,
  run: () => HandlerOutcome<ToolResult<unknown>>,
  era: ToolEra,
): CallToolResult | Observable<CallToolResult> {
  let raw: HandlerOutcome<ToolResult<unknown>>;
  try {
    raw = run();
  } catch (error) {
    return finishResult(entry, handlerError(error), era);
  }
  // A plain value is finished at once; a Promise or an Observable goes through rxjs.
  if (!isObservable(raw) && !isPromiseLike(raw)) return finishResult(entry, raw, era);
  return fromOutcome(() => raw).pipe(
    catchError((error: unknown) => of(handlerError(error))),
    map((result) => finishResult(entry, result, era)),
  );
}

/** What a handler's error becomes: its own protocol errors are rethrown, the rest are tool errors. */
function handlerError(error: unknown): CallToolResult {
  if (isMcpError(error) && error.kind === 'protocol' && !isPeerRequestError(error)) throw error;
  return toolError(error instanceof Error ? error.message : String(error));
}

/** A tool error result with one text content. */
export function toolError(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

function finishResult(entry: ToolEntry, raw: ToolResult<unknown>, era: ToolEra): CallToolResult {
  if (taskContinuationOf(raw) !== undefined) return raw as CallToolResult;
  if (typeof raw === 'string') return check(entry, { content: [{ type: 'text', text: raw }] });
  const result = shapeResult(entry, raw);
  return era === 'legacy' ? legacyToolResult(result, entry.wrapsOutput) : result;
}

/** A handler's result object validated (output schema, protocol shape) and completed with `content`. */
function shapeResult(entry: ToolEntry, raw: ToolResult<unknown>): CallToolResult {
  if (typeof raw !== 'object' || raw === null) {
    throw McpError.protocol(
      ErrorCode.InternalError,
      `Tool ${entry.name} returned ${raw === null ? 'null' : typeof raw}, not a result`,
    );
  }
  const result: Record<string, unknown> = { ...raw };
  if (entry.output && result['isError'] !== true) {
    if (result['structuredContent'] === undefined) {
      throw McpError.protocol(
        ErrorCode.InternalError,
        `Tool ${entry.name} has an output schema but returned no structuredContent`,
      );
    }
    const checked = entry.output.validate(result['structuredContent']);
    if (!checked.ok) {
      throw McpError.protocol(
        ErrorCode.InternalError,
        `Tool ${entry.name} returned invalid structuredContent: ${checked.message}`,
      );
    }
    result['structuredContent'] = checked.value;
  }
  if (result['content'] === undefined) {
    result['content'] =
      result['structuredContent'] === undefined
        ? []
        : [{ type: 'text', text: JSON.stringify(result['structuredContent']) }];
  }
  return check(entry, result);
}

function check(entry: ToolEntry, result: Record<string, unknown>): CallToolResult {
  if (isPlainCallToolResult(result)) return result as CallToolResult;
  const parsed = ModernCallToolResultSchema.safeParse(result);
  if (!parsed.success)
    throw McpError.protocol(
      ErrorCode.InternalError,
      `Tool ${entry.name} returned an invalid result: ${parsed.error.message}`,
    );
  return result as CallToolResult;
}
