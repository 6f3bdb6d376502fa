/**
 * @module
 * Argument completion (`completion/complete`) for prompt arguments and resource template
 * variables.
 */
import { map, type Observable, of, throwError } from 'rxjs';
import type { CompleteRequestParams, CompleteResult } from '../protocol/completion.js';
import { ErrorCode, McpError } from '../protocol/errors.js';
import type { ServerContext } from './context.js';
import { fromOutcome, type HandlerOutcome } from './handler-outcome.js';

/** At most this many values go in one completion result (spec). */
export const MAX_COMPLETION_VALUES = 100;

/** What a completion callback knows besides the partial value. */
export interface CompletionContext {
  /** Arguments (or variables) the user has already resolved. */
  readonly arguments: Readonly<Record<string, string>>;
}

/**
 * Suggests values for one argument given what the user typed so far. Return every match: the
 * server sends the first 100 with `total` and `hasMore`.
 *
 * @example
 * const languages: CompletionCallback = (value) => ['python', 'typescript'].filter((l) => l.startsWith(value));
 */
export type CompletionCallback = (
  value: string,
  context: CompletionContext,
  ctx: ServerContext,
) => HandlerOutcome<readonly string[]>;

/** Where completion callbacks come from (the server's prompts and templates). */
export interface CompletionSources {
  /** Completers of the enabled prompt `name`, or `undefined` if there is no such prompt. */
  prompt(name: string): Partial<Record<string, CompletionCallback>> | undefined;
  /**
   * Completers of the enabled resource template `uri`, `{}` for a static resource (nothing to
   * complete), or `undefined` if it is neither.
   */
  resource(uri: string): Partial<Record<string, CompletionCallback>> | undefined;
}

/**
 * Answers `completion/complete`. An unknown prompt or resource template fails with -32602 (as
 * the spec says for an invalid prompt name); an argument without a completer gets no values.
 */
export function complete(
  params: CompleteRequestParams,
  sources: CompletionSources,
  ctx: ServerContext,
): Observable<CompleteResult> {
  const { ref, argument } = params;
  const completers = ref.type === 'ref/prompt' ? sources.prompt(ref.name) : sources.resource(ref.uri);
  if (!completers) {
    const what = ref.type === 'ref/prompt' ? `prompt ${ref.name}` : `resource template ${ref.uri}`;
    return throwError(() => McpError.protocol(ErrorCode.InvalidParams, `Unknown ${what}`));
  }
  const callback = completers[argument.name];
  if (!callback) return of({ completion: { values: [], total: 0, hasMore: false } });
  const context: CompletionContext = { arguments: params.context?.arguments ?? {} };
  return fromOutcome(() => callback(argument.value, context, ctx)).pipe(
    map((values) => ({
      completion: {
        values: values.slice(0, MAX_COMPLETION_VALUES),
        total: values.length,
        hasMore: values.length > MAX_COMPLETION_VALUES,
      },
    })),
  );
}
