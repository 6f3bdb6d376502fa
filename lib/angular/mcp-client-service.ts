/**
 * @module
 * `McpClientService`: the one `McpClient` of an injector, created outside Angular's zone, with
 * signals for templates and cold Observables for calls; released when the injector is destroyed.
 */
import { computed, DestroyRef, inject, InjectionToken, NgZone, type Signal, signal } from '@angular/core';
import { asyncScheduler, type Observable } from 'rxjs';
import { McpClient } from '../client/mcp-client.js';
import type { CallOptions, ClientState, McpClientOptions } from '../client/client-api.js';
import type { CallToolParams } from '../client/call-tool.js';
import type { Prompt, ReadResourceResult, Resource, Tool } from '../protocol/index.js';
import type { Transport } from '../transport/transport.js';
import { liveSignal, type LiveSignalOptions, type LiveState } from './live-state.js';
import { outsideZoneScheduler, outsideZoneTransport } from './outside-zone.js';
import { type ToolCallRef, trackToolCall } from './tool-call.js';

/** Options of {@link provideMcpClient}: the client's, and how its live signals recover. */
export interface McpClientProviderOptions extends McpClientOptions {
  /** Milliseconds before a failed live signal (tools, a resource…) reconnects. @defaultValue 1000 */
  retryDelay?: number;
}

/** What {@link provideMcpClient} hands the service (a transport factory and its options). */
export interface McpClientConfig {
  readonly factory: () => Transport;
  readonly options: McpClientProviderOptions;
}

/** The configuration of the injector's {@link McpClientService}. */
export const MCP_CLIENT_CONFIG = new InjectionToken<McpClientConfig>('rxmcp McpClientConfig');

/**
 * The injector's MCP client, for components and services: `inject(McpClientService)` where
 * {@link provideMcpClient} was given. Its signals never throw (errors are state) and recover
 * by themselves; each starts on first read and holds the connection until the injector is
 * destroyed. Calls stay cold Observables on {@link McpClientService.client}, like `HttpClient`.
 *
 * @example
 * export class ToolsComponent {
 *   readonly mcp = inject(McpClientService);
 *   // template: @for (tool of mcp.tools().value ?? []; track tool.name) { <li>{{ tool.name }}</li> }
 *   run(name: string) { return this.mcp.client.callTool({ name }).subscribe((result) => this.show(result)); }
 * }
 */
export class McpClientService {
  /** The client (calls are cold Observables: nothing is sent until subscribed). */
  readonly client: McpClient;
  /** The connection's state (`idle`, `connecting`, `ready`, `reconnecting`, `closed`). */
  readonly state: Signal<ClientState>;
  /** Whether the connection is `ready`: a connection indicator. */
  readonly ready: Signal<boolean>;

  private readonly zone = inject(NgZone);
  private readonly destroyRef = inject(DestroyRef);
  private readonly live: LiveSignalOptions;
  private readonly signals = new Map<string, Signal<LiveState<unknown>>>();

  constructor() {
    const { factory, options } = inject(MCP_CLIENT_CONFIG);
    const { retryDelay, ...clientOptions } = options;
    const scheduler = outsideZoneScheduler(options.scheduler ?? asyncScheduler, this.zone);
    this.live = { scheduler, ...(retryDelay !== undefined && { retryDelay }) };
    this.client = this.zone.runOutsideAngular(
      () => new McpClient(() => outsideZoneTransport(factory(), this.zone), { ...clientOptions, scheduler }),
    );
    const state = signal(this.client.state);
    const watching = this.zone.runOutsideAngular(() => this.client.state$.subscribe((next) => state.set(next)));
    this.destroyRef.onDestroy(() => watching.unsubscribe());
    this.state = state.asReadonly();
    this.ready = computed(() => this.state().status === 'ready');
  }

  /** Every tool of the server, kept current (`tools$`). */
  get tools(): Signal<LiveState<Tool[]>> {
    return this.signal('tools', () => this.client.tools$);
  }

  /** Every prompt of the server, kept current (`prompts$`). */
  get prompts(): Signal<LiveState<Prompt[]>> {
    return this.signal('prompts', () => this.client.prompts$);
  }

  /** Every resource of the server, kept current (`resources$`). */
  get resources(): Signal<LiveState<Resource[]>> {
    return this.signal('resources', () => this.client.resources$);
  }

  /**
   * One resource, kept current (`resource$(uri)`: subscribed on the server, read again on updates).
   * @example
   * readonly notes = inject(McpClientService).resource('file:///notes.md');
   */
  resource(uri: string): Signal<LiveState<ReadResourceResult>> {
    return this.signal(`resource ${uri}`, () => this.client.resource$(uri));
  }

  /**
   * Calls a tool and follows it in a signal (progress, then the result or the error).
   * @example
   * const call = mcp.callTool({ name: 'test_tool_with_progress' });
   * // template: <progress [value]="progressOf(call.state())" max="100"></progress>
   */
  callTool(params: CallToolParams, options?: CallOptions): ToolCallRef {
    return trackToolCall(this.client.callTool(params, { ...options, observe: 'events' }), this.zone);
  }

  private signal<T>(key: string, source: () => Observable<T>): Signal<LiveState<T>> {
    let live = this.signals.get(key) as Signal<LiveState<T>> | undefined;
    if (!live) {
      live = liveSignal(source(), this.destroyRef, this.zone, this.live);
      this.signals.set(key, live as Signal<LiveState<unknown>>);
    }
    return live;
  }
}
