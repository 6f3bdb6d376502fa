/**
 * @module
 * The requests a running task makes of its client (`ctx.elicit`, `ctx.sample`, `ctx.listRoots`):
 * they wait in {@link TaskInputs.pending} (the task's `inputRequests`, status `input_required`)
 * until `tasks/update` brings their answers.
 */
import { Observable } from 'rxjs';
import { ErrorCode, McpError } from '../../protocol/errors.js';
import type { ClientCapabilities } from '../../protocol/lifecycle.js';
import { ServerRequestMethods, type ResultOf, type ServerRequestMethod } from '../../protocol/methods.js';
import type { InputRequest } from '../../protocol/modern.js';
import { INPUT_KEY_PREFIX, inputCapabilityError } from '../modern/input-round.js';

interface Waiting {
  readonly request: InputRequest;
  readonly deliver: (answer: unknown) => void;
}

/**
 * The input requests of one task. Each key is used once in the task's life; an answer to an
 * unknown or already answered key is ignored.
 *
 * ```
 * inputs.request('elicitation/create', …)   ----a|   (a: the answer tasks/update delivered)
 * ```
 *
 * @example
 * const inputs = new TaskInputs({ elicitation: {} }, () => save());
 * inputs.request('elicitation/create', { message: 'Sure?', requestedSchema }).subscribe(…);
 * inputs.answer({ elicitation_1: { action: 'accept', content: {} } });
 */
export class TaskInputs {
  readonly #waiting = new Map<string, Waiting>();
  readonly #used = new Set<string>();
  #count = 0;

  /** @param changed called whenever {@link TaskInputs.pending} changes */
  constructor(
    private readonly capabilities: ClientCapabilities,
    private readonly changed: () => void,
  ) {}

  /** The requests still waiting for an answer, by key. */
  get pending(): Record<string, InputRequest> {
    return Object.fromEntries([...this.#waiting].map(([key, waiting]) => [key, waiting.request]));
  }

  /** How many requests wait. */
  get size(): number {
    return this.#waiting.size;
  }

  /** The answer to `method`, once the client sends it (cold; unsubscribing withdraws the request). */
  request<M extends InputRequest['method'] & ServerRequestMethod>(
    method: M,
    params: Record<string, unknown> | undefined,
    inputKey?: string,
  ): Observable<ResultOf<M>> {
    return new Observable<ResultOf<M>>((subscriber) => {
      const missing = inputCapabilityError(method, this.capabilities);
      if (missing) {
        subscriber.error(missing);
        return;
      }
      let key = inputKey ?? `${INPUT_KEY_PREFIX[method]}_${++this.#count}`;
      while (this.#used.has(key)) key = `${inputKey ?? INPUT_KEY_PREFIX[method]}_${++this.#count}`;
      this.#used.add(key);
      const deliver = (answer: unknown) => {
        this.#waiting.delete(key);
        const parsed = ServerRequestMethods[method].result.safeParse(answer);
        if (!parsed.success) {
          subscriber.error(
            McpError.protocol(
              ErrorCode.InvalidParams,
              `Invalid input response ${key} to ${method}: ${parsed.error.message}`,
              { key },
            ),
          );
          return;
        }
        subscriber.next(parsed.data as ResultOf<M>);
        subscriber.complete();
      };
      this.#waiting.set(key, { request: params === undefined ? { method } : { method, params }, deliver });
      this.changed();
      return () => {
        if (this.#waiting.delete(key)) this.changed();
      };
    });
  }

  /** Delivers the answers of `responses` whose keys wait; the others are ignored. */
  answer(responses: Readonly<Record<string, unknown>>): void {
    let delivered = false;
    for (const [key, answer] of Object.entries(responses)) {
      const waiting = this.#waiting.get(key);
      if (!waiting) continue;
      delivered = true;
      waiting.deliver(answer);
    }
    if (delivered) this.changed();
  }
}
