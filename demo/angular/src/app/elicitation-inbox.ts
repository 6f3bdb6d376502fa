/**
 * The server's elicitation requests waiting for the user: the client's handler puts one here and
 * waits; the form answers it.
 */
import { signal } from '@angular/core';
import type { ElicitRequestParams, ElicitResult } from '../../../../lib/index.js';

/** One request shown as a form. */
export interface PendingElicitation {
  readonly params: ElicitRequestParams;
  answer(result: ElicitResult): void;
}

export class ElicitationInbox {
  readonly pending = signal<PendingElicitation | undefined>(undefined);

  /** The elicitation handler: resolves once the user submits or declines the form. */
  ask(params: ElicitRequestParams): Promise<ElicitResult> {
    return new Promise((resolve) =>
      this.pending.set({
        params,
        answer: (result) => {
          this.pending.set(undefined);
          resolve(result);
        },
      }),
    );
  }
}
