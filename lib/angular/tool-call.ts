/**
 * @module
 * A tool call as a signal, for signal-based components: progress while it runs, then the result
 * or the error; cancellable.
 */
import { type NgZone, type Signal, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import type { CallToolEvent } from '../client/client-api.js';
import { asMcpError, type McpError } from '../protocol/errors.js';
import type { CallToolResult } from '../protocol/index.js';

/** Where a {@link ToolCallRef} is. */
export type ToolCallState =
  | {
      readonly status: 'running';
      readonly progress?: { readonly progress: number; readonly total?: number; readonly message?: string };
    }
  | { readonly status: 'done'; readonly result: CallToolResult }
  | { readonly status: 'error'; readonly error: McpError }
  | { readonly status: 'cancelled' };

/** A running tool call: its state as a signal, and a way to cancel it. */
export interface ToolCallRef {
  readonly state: Signal<ToolCallState>;
  /** Unsubscribes (the server gets `notifications/cancelled`); a settled call stays as it was. */
  cancel(): void;
}

/**
 * Subscribes to `events$` (a `callTool(…, { observe: 'events' })`) outside `zone` and follows it.
 *
 * @example
 * const call = trackToolCall(client.callTool({ name: 'build' }, { observe: 'events' }), zone);
 * // template: @if (call.state(); as s) { @if (s.status === 'running') { <progress [value]="s.progress?.progress" /> } }
 */
export function trackToolCall(events$: Observable<CallToolEvent>, zone: NgZone): ToolCallRef {
  const state = signal<ToolCallState>({ status: 'running' });
  const subscription = zone.runOutsideAngular(() =>
    events$.subscribe({
      next: (event) => {
        if (event.type === 'progress') {
          const { progress, total, message } = event;
          state.set({
            status: 'running',
            progress: { progress, ...(total !== undefined && { total }), ...(message !== undefined && { message }) },
          });
        } else if (event.type === 'result') {
          state.set({ status: 'done', result: event.result });
        }
      },
      error: (error: unknown) => state.set({ status: 'error', error: asMcpError(error, 'The tool call failed') }),
    }),
  );
  return {
    state: state.asReadonly(),
    cancel: () => {
      if (subscription.closed) return;
      subscription.unsubscribe();
      state.set({ status: 'cancelled' });
    },
  };
}
