/**
 * @module
 * Prompts: configuration and handler types, how arguments appear in `prompts/list`, and how
 * `prompts/get` validates them and shapes the result.
 */
import type { CacheHints } from '../protocol/modern.js';
import { map, type Observable, throwError } from 'rxjs';
import * as z from 'zod';
import type { Icon } from '../protocol/common.js';
import { ErrorCode, McpError } from '../protocol/errors.js';
import { GetPromptResultSchema, type GetPromptResult, type Prompt, type PromptArgument } from '../protocol/prompts.js';
import type { CompletionCallback } from './completion.js';
import type { ServerContext } from './context.js';
import { fromOutcome, type HandlerOutcome } from './handler-outcome.js';
import { isZodSchema } from './json-schema.js';
import type { RegisteredHandle } from './registry.js';

/** A prompt's arguments: a zod object of string fields, or a plain `PromptArgument` list. */
export type PromptArgumentsLike = z.ZodObject | readonly PromptArgument[];

/** The arguments a prompt handler receives. */
export type PromptArguments<A> = A extends z.ZodType
  ? z.output<A>
  : A extends readonly PromptArgument[]
    ? { [K in A[number]['name']]?: string }
    : Record<string, string | undefined>;

/** The names of a prompt's arguments. */
export type PromptArgumentName<A> = A extends z.ZodObject
  ? keyof z.input<A> & string
  : A extends readonly PromptArgument[]
    ? A[number]['name']
    : string;

/**
 * How a prompt presents itself, what arguments it takes and how they complete. With a zod object,
 * each field becomes a `PromptArgument` (`required` unless optional, `description` from
 * `.describe()`), and `prompts/get` validates with it.
 */
export interface PromptConfig<A extends PromptArgumentsLike | undefined = undefined> {
  /** Caching hints of this entry's results on 2026-07-28 requests (lists take the strictest entry). */
  cache?: Partial<CacheHints>;
  title?: string;
  description?: string;
  arguments?: A;
  icons?: Icon[];
  _meta?: Record<string, unknown>;
  /** Completion of argument values (`completion/complete` with `ref/prompt`). */
  complete?: { [K in PromptArgumentName<A>]?: CompletionCallback };
}

/**
 * Fills in a prompt. Returns a `GetPromptResult`, or a string (one user text message), or a
 * Promise or Observable (last value) of either.
 *
 * @example
 * server.prompt('greet', { arguments: z.object({ name: z.string() }) }, ({ name }) => `Say hello to ${name}`);
 */
export type PromptHandler<A extends PromptArgumentsLike | undefined = undefined> = (
  args: PromptArguments<A>,
  ctx: ServerContext,
) => HandlerOutcome<GetPromptResult | string>;

/** Changes to a registered prompt. */
export type PromptUpdate<A extends PromptArgumentsLike | undefined> = Partial<PromptConfig<A>> & {
  name?: string;
  handler?: PromptHandler<A>;
};

/** The handle of a registered prompt. */
export type RegisteredPrompt<A extends PromptArgumentsLike | undefined = undefined> = RegisteredHandle<PromptUpdate<A>>;

/** A prompt as the server keeps it. */
export interface PromptEntry {
  readonly name: string;
  readonly config: PromptConfig<any>;
  readonly handler: PromptHandler<any>;
  readonly definition: Prompt;
}

/** Builds a prompt entry and its `prompts/list` definition. */
export function createPromptEntry(name: string, config: PromptConfig<any>, handler: PromptHandler<any>): PromptEntry {
  const definition: Prompt = { name };
  if (config.title !== undefined) definition.title = config.title;
  if (config.description !== undefined) definition.description = config.description;
  if (config.arguments !== undefined) definition.arguments = promptArguments(config.arguments);
  if (config.icons !== undefined) definition.icons = config.icons;
  if (config._meta !== undefined) definition._meta = config._meta;
  return { name, config, handler, definition };
}

/** Applies a {@link PromptUpdate}. */
export function updatePromptEntry(entry: PromptEntry, changes: PromptUpdate<any>): { key: string; value: PromptEntry } {
  const { name = entry.name, handler = entry.handler, ...config } = changes;
  return { key: name, value: createPromptEntry(name, { ...entry.config, ...config }, handler) };
}

/**
 * Runs `prompts/get`: arguments failing validation (or a missing required one) → -32602;
 * errors of the handler → their JSON-RPC error (-32603 for plain errors).
 */
export function getPrompt(
  entry: PromptEntry,
  args: Record<string, string> | undefined,
  ctx: ServerContext,
): Observable<GetPromptResult> {
  const spec = entry.config.arguments as PromptArgumentsLike | undefined;
  let parsed: Record<string, unknown> = args ?? {};
  if (spec && isZodSchema(spec)) {
    const result = spec.safeParse(parsed);
    if (!result.success) return invalid(`Invalid arguments for prompt ${entry.name}: ${z.prettifyError(result.error)}`);
    parsed = result.data as Record<string, unknown>;
  } else if (spec) {
    const missing = spec
      .filter((argument) => argument.required && parsed[argument.name] === undefined)
      .map((argument) => argument.name);
    if (missing.length > 0)
      return invalid(`Missing required arguments for prompt ${entry.name}: ${missing.join(', ')}`);
  }
  return fromOutcome(() => entry.handler(parsed, ctx)).pipe(
    map((raw) => {
      const result =
        typeof raw === 'string'
          ? { messages: [{ role: 'user' as const, content: { type: 'text' as const, text: raw } }] }
          : raw;
      const checked = GetPromptResultSchema.safeParse(result);
      if (!checked.success)
        throw McpError.protocol(
          ErrorCode.InternalError,
          `Prompt ${entry.name} returned an invalid result: ${checked.error.message}`,
        );
      return result;
    }),
  );
}

function promptArguments(spec: PromptArgumentsLike): PromptArgument[] {
  if (!isZodSchema(spec)) return spec.map((argument) => ({ ...argument }));
  return Object.entries(spec.shape).map(([name, field]) => {
    const argument: PromptArgument = { name };
    const description = (field as z.ZodType).description;
    if (description !== undefined) argument.description = description;
    argument.required = !(field as z.ZodType).safeParse(undefined).success;
    return argument;
  });
}

const invalid = (message: string) => throwError(() => McpError.protocol(ErrorCode.InvalidParams, message));
