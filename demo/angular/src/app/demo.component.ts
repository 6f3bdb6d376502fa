/**
 * The demo's one screen: connection indicator, tool browser with a progress bar, live resource
 * panel and the elicitation form. Everything it shows comes from `McpClientService` signals.
 */
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { CallToolResult, ElicitRequestParams, Tool } from '../../../../lib/index.js';
import { McpClientService, type ToolCallRef } from '../../../../lib/angular/index.js';
import { ElicitationInbox } from './elicitation-inbox';

const WATCHED = 'test://watched-resource';

/** Arguments for a tool: a demo value for every string property of its input schema. */
function demoArguments(tool: Tool): Record<string, unknown> {
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, { type?: string }>;
  return Object.fromEntries(
    Object.entries(properties).flatMap(([name, schema]) => (schema.type === 'string' ? [[name, `demo ${name}`]] : [])),
  );
}

const textOf = (result: CallToolResult) =>
  result.content.map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join('\n');

@Component({
  selector: 'rxmcp-demo',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header>
      <span class="dot {{ mcp.state().status }}" id="indicator" [attr.data-status]="mcp.state().status"></span>
      <h1>rxmcp · Angular demo</h1>
      <span id="status">{{ mcp.state().status }}</span>
    </header>
    <main>
      <section>
        <h2>
          Tools ({{ tools().length }})
          @if (mcp.tools().status === 'error') {
            <em>— reconnecting</em>
          }
        </h2>
        <ul class="tools">
          @for (tool of tools(); track tool.name) {
            <li>
              <button type="button" [attr.data-tool]="tool.name" (click)="run(tool)">{{ tool.name }}</button>
            </li>
          }
        </ul>
      </section>
      <section>
        <h2>Call</h2>
        @if (call(); as running) {
          <p>{{ calledName() }}</p>
          @switch (running.state().status) {
            @case ('running') {
              <progress id="progress" [attr.value]="progressOf(running)" [attr.max]="totalOf(running)"></progress>
              <button type="button" (click)="running.cancel()">Cancel</button>
            }
          }
          <pre id="result">{{ resultText(running) }}</pre>
        } @else {
          <p>Click a tool.</p>
        }
        @if (inbox.pending(); as pending) {
          <form id="elicitation" (submit)="$event.preventDefault(); accept(pending.params, form)" #form>
            <h2>The server asks: {{ pending.params.message }}</h2>
            @for (field of fields(pending.params); track field) {
              <label>{{ field }} <input [name]="field" [attr.data-field]="field" /></label>
            }
            <button type="submit" id="accept">Accept</button>
            <button type="button" id="decline" (click)="pending.answer({ action: 'decline' })">Decline</button>
          </form>
        }
      </section>
      <section>
        <h2>
          Live resource <code>{{ watched }}</code>
        </h2>
        <pre id="resource">{{ resourceText() }}</pre>
        <button type="button" id="touch" (click)="touch()">Change it on the server</button>
      </section>
    </main>
  `,
})
export class DemoComponent {
  readonly mcp = inject(McpClientService);
  readonly inbox = inject(ElicitationInbox);
  readonly watched = WATCHED;
  readonly tools = computed(() => this.mcp.tools().value ?? []);
  readonly call = signal<ToolCallRef | undefined>(undefined);
  readonly calledName = signal('');
  private readonly resource = this.mcp.resource(WATCHED);
  readonly resourceText = computed(() => {
    const state = this.resource();
    const first = state.value?.contents[0];
    const text = first && 'text' in first ? first.text : '…';
    return state.status === 'error' ? `${text} (offline: ${state.error.message})` : text;
  });
  run(tool: Tool): void {
    this.call()?.cancel();
    this.calledName.set(tool.name);
    this.call.set(this.mcp.callTool({ name: tool.name, arguments: demoArguments(tool) }));
  }

  touch(): void {
    this.mcp.client.callTool({ name: 'test_touch_watched_resource' }).subscribe();
  }

  progressOf(call: ToolCallRef): number {
    const state = call.state();
    return state.status === 'running' ? (state.progress?.progress ?? 0) : 0;
  }

  totalOf(call: ToolCallRef): number {
    const state = call.state();
    return state.status === 'running' ? (state.progress?.total ?? 100) : 100;
  }

  resultText(call: ToolCallRef): string {
    const state = call.state();
    switch (state.status) {
      case 'running':
        return state.progress?.message ?? 'running…';
      case 'done':
        return textOf(state.result);
      case 'error':
        return `error: ${state.error.message}`;
      case 'cancelled':
        return 'cancelled';
    }
  }

  fields(params: ElicitRequestParams): string[] {
    const { requestedSchema } = params as { requestedSchema?: { properties?: Record<string, unknown> } };
    return Object.keys(requestedSchema?.properties ?? {});
  }

  accept(params: ElicitRequestParams, form: HTMLFormElement): void {
    const content = Object.fromEntries(
      this.fields(params).map((field) => [field, (form.elements.namedItem(field) as HTMLInputElement).value]),
    );
    this.inbox.pending()?.answer({ action: 'accept', content });
  }
}
