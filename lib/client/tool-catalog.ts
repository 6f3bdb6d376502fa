/**
 * @module
 * The tools one connection knows, for validating tool results: filled by every full
 * `tools/list`, emptied by `notifications/tools/list_changed`, fetched on demand.
 */
import {
  catchError,
  concatMap,
  defer,
  finalize,
  map,
  Observable,
  of,
  type OperatorFunction,
  share,
  Subscription,
  tap,
} from 'rxjs';
import { McpError } from '../protocol/errors.js';
import type { CallToolResult, Tool } from '../protocol/index.js';
import type { LazyOutputSchemaChecks } from './lazy-output-schema.js';
import type { OutputSchemaChecks } from './output-schema-checks.js';
import { parseResult } from './parse-result.js';
import type { ToolEra } from '../protocol/modern-tools.js';
import type { ResultValidator } from './parse-result.js';
import { resultValidator } from './typed-request.js';

/**
 * A per-connection cache of tools by name.
 *
 * @example
 * const catalog = new ToolCatalog(() => listAllTools(session), validator);
 * catalog.checkResult('weather', result).subscribe(...);
 */
export class ToolCatalog {
  private tools: Map<string, Tool> | undefined;
  /** Names looked up that a fresh list did not have (not refetched until the list changes). */
  private readonly missing = new Set<string>();
  private loading: Observable<void> | undefined;

  constructor(
    private readonly fetch: () => Observable<readonly Tool[]>,
    private readonly checks: LazyOutputSchemaChecks,
    /** The era of the connection, read when a result arrives (it is agreed after the catalog is made). @defaultValue `'legacy'` */
    private readonly era: () => ToolEra = () => 'legacy',
  ) {}

  /** The protocol schema of this connection's `tools/call` results (any JSON `structuredContent` on a 2026-07-28 one). */
  resultSchema(): ResultValidator<CallToolResult> {
    return resultValidator('tools/call', this.era());
  }

  /** Stores a complete list of the server's tools. */
  store(tools: readonly Tool[]): void {
    this.tools = new Map(tools.map((tool) => [tool.name, tool]));
  }

  /** The tool called `name` if the catalog knows it, without fetching. */
  known(name: string): Tool | undefined {
    return this.tools?.get(name);
  }

  /** Whether the catalog knows whether the server has the tool `name` (no fetch needed). */
  settled(name: string): boolean {
    return this.tools?.has(name) === true || this.missing.has(name);
  }

  /** Forgets the list (the server said it changed). */
  invalidate(): void {
    this.tools = undefined;
    this.missing.clear();
  }

  /**
   * The tool called `name`, fetching the list if it is not known; `undefined` if the server
   * lists no such tool or the list cannot be fetched (validation is a SHOULD: a server that
   * answers `tools/call` but not `tools/list` still gets its results through).
   */
  lookup(name: string): Observable<Tool | undefined> {
    return defer(() => {
      const known = this.tools?.get(name);
      if (known || this.missing.has(name)) return of(known);
      return this.load().pipe(
        map(() => {
          const tool = this.tools?.get(name);
          if (!tool) this.missing.add(name);
          return tool;
        }),
      );
    });
  }

  /**
   * Checks a tool result against the tool's `outputSchema`: results with `isError: true` pass
   * as they are; a tool with an output schema must return `structuredContent` that conforms.
   * Fails with kind `'validation'` otherwise.
   */
  checkResult(name: string, result: CallToolResult): Observable<CallToolResult> {
    if (result.isError === true) return of(result);
    return this.lookup(name).pipe(
      concatMap((tool) =>
        !tool?.outputSchema
          ? of(this.verify(name, tool, result, undefined))
          : this.checks.ready().pipe(map((checks) => this.verify(name, tool, result, checks))),
      ),
    );
  }

  /**
   * Validates raw `tools/call` results (protocol schema, then {@link ToolCatalog.checkResult}),
   * as an operator: each is checked at once (no inner Observable) when the catalog already
   * knows the tool or knows it is missing (and the tool's `outputSchema`, if any, can be checked
   * now: its engine is loaded), and after loading what is missing otherwise. Completes once
   * the source and every pending check have.
   */
  checkResults(name: string): OperatorFunction<unknown, CallToolResult> {
    // Observers with methods (and `catalog` for `this`): this runs for every call.
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- observers with methods, not closures, on the hot path
    const catalog = this;
    return (source) =>
      new Observable<CallToolResult>((subscriber) => {
        const subscriptions = new Subscription();
        let sourceDone = false;
        let pending = 0;
        subscriptions.add(
          source.subscribe({
            next(raw) {
              let result: CallToolResult;
              try {
                result = parseResult(catalog.resultSchema(), raw, 'tools/call');
                const tool = catalog.tools?.get(name);
                const checks = tool?.outputSchema ? catalog.checks.now() : undefined;
                const now = tool === undefined ? catalog.missing.has(name) : !tool.outputSchema || checks !== undefined;
                if (result.isError === true || now) {
                  if (result.isError !== true) catalog.verify(name, tool, result, checks);
                  subscriber.next(result);
                  return;
                }
              } catch (error) {
                subscriber.error(error);
                return;
              }
              pending++;
              subscriptions.add(
                catalog.checkResult(name, result).subscribe({
                  next(checked) {
                    subscriber.next(checked);
                  },
                  error(error: unknown) {
                    subscriber.error(error);
                  },
                  complete() {
                    if (--pending === 0 && sourceDone) subscriber.complete();
                  },
                }),
              );
            },
            error(error: unknown) {
              subscriber.error(error);
            },
            complete() {
              sourceDone = true;
              if (pending === 0) subscriber.complete();
            },
          }),
        );
        return subscriptions;
      });
  }

  /**
   * The result if it satisfies the tool's `outputSchema` (or the tool has none); throws otherwise.
   * `checks` is there whenever the tool has an `outputSchema`.
   */
  private verify(
    name: string,
    tool: Tool | undefined,
    result: CallToolResult,
    checks: OutputSchemaChecks | undefined,
  ): CallToolResult {
    const schema = tool?.outputSchema;
    if (!schema || checks === undefined) return result;
    if (result.structuredContent === undefined) {
      throw new McpError('validation', `Tool ${name} has an outputSchema but returned no structuredContent`, {
        data: { result },
      });
    }
    const problem = checks.check(name, schema, result.structuredContent);
    if (problem !== undefined) {
      throw new McpError(
        'validation',
        `structuredContent of tool ${name} does not match its outputSchema: ${problem}`,
        {
          data: { result },
        },
      );
    }
    return result;
  }

  private load(): Observable<void> {
    this.loading ??= this.fetch().pipe(
      tap((tools) => this.store(tools)),
      map(() => undefined),
      catchError(() => of(undefined)),
      finalize(() => (this.loading = undefined)),
      share(),
    );
    return this.loading;
  }
}
