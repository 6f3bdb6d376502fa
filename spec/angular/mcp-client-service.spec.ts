/**
 * rxmcp/angular without zone.js (provideZonelessChangeDetection), with Angular's TestBed and the
 * McpTestingController playing the server.
 */
import './support/test-bed.js';
import { Component, inject, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { McpClientService } from '../../lib/angular/index.js';
import { McpTestingController, provideMcpTesting } from '../../lib/angular/testing.js';
import { until } from '../support/until.js';

const tool = (name: string) => ({ name, inputSchema: { type: 'object' } });

function setUp() {
  TestBed.configureTestingModule({
    providers: [provideZonelessChangeDetection(), provideMcpTesting({ retryDelay: 5 })],
  });
  return { mcp: TestBed.inject(McpClientService), controller: TestBed.inject(McpTestingController) };
}

describe('McpClientService (zoneless)', () => {
  it('starts nothing until a signal is read or a call subscribed (calls are cold)', () => {
    const { mcp, controller } = setUp();
    const call$ = mcp.client.callTool({ name: 'add' });
    expect(mcp.state()).toEqual({ status: 'idle' });
    expect(controller.connections).toHaveLength(0);
    call$.subscribe();
    controller.expectRequest('tools/call').flush({ content: [] });
    controller.expectRequest('tools/list').flush({ tools: [tool('add')] });
    controller.verify();
  });

  it('tools: loading, ready, refetched on list_changed', () => {
    const { mcp, controller } = setUp();
    expect(mcp.tools()).toEqual({ status: 'loading' });
    expect(mcp.state().status).toBe('ready');
    controller.expectRequest('tools/list').flush({ tools: [tool('a')] });
    expect(mcp.tools()).toEqual({ status: 'ready', value: [tool('a')] });
    controller.notify('notifications/tools/list_changed');
    controller.expectRequest('tools/list').flush({ tools: [tool('a'), tool('b')] });
    expect(mcp.tools().value?.map((t) => t.name)).toEqual(['a', 'b']);
    expect(mcp.ready()).toBe(true);
    controller.verify();
  });

  it('never throws when the connection dies: the error is state, the last value stays, and it recovers', async () => {
    const { mcp, controller } = setUp();
    mcp.tools();
    controller.expectRequest('tools/list').flush({ tools: [tool('a')] });
    controller.fail(new Error('server died'));
    expect(() => mcp.tools()).not.toThrow();
    expect(mcp.tools()).toMatchObject({ status: 'error', value: [tool('a')], error: { kind: 'transport' } });
    expect(mcp.state()).toMatchObject({ status: 'closed', error: { kind: 'transport' } });
    expect(mcp.ready()).toBe(false);
    await until(() => controller.connections.length === 2, 'the retry to reconnect');
    controller.expectRequest('tools/list').flush({ tools: [tool('b')] });
    expect(mcp.tools()).toEqual({ status: 'ready', value: [tool('b')] });
    expect(mcp.state().status).toBe('ready');
    controller.verify();
  });

  it('resource(uri): subscribes, reads, and reads again on updates', () => {
    const { mcp, controller } = setUp();
    const uri = 'test://watched';
    const notes = mcp.resource(uri);
    expect(mcp.resource(uri)).toBe(notes);
    controller.expectRequest('resources/subscribe').flush();
    controller.expectRequest('resources/read').flush({ contents: [{ uri, text: 'v0' }] });
    expect(notes()).toEqual({ status: 'ready', value: { contents: [{ uri, text: 'v0' }] } });
    controller.notify('notifications/resources/updated', { uri });
    controller.expectRequest('resources/read').flush({ contents: [{ uri, text: 'v1' }] });
    expect(notes().value?.contents).toEqual([{ uri, text: 'v1' }]);
    controller.verify();
  });

  it('callTool: a signal with progress, then the result; a protocol error becomes state', () => {
    const { mcp, controller } = setUp();
    const call = mcp.callTool({ name: 'build' });
    const request = controller.expectRequest('tools/call');
    expect(call.state()).toEqual({ status: 'running' });
    request.progress(50, 100, 'Halfway');
    expect(call.state()).toEqual({ status: 'running', progress: { progress: 50, total: 100, message: 'Halfway' } });
    request.flush({ content: [{ type: 'text', text: 'built' }] });
    controller.expectRequest('tools/list').flush({ tools: [tool('build')] });
    expect(call.state()).toEqual({ status: 'done', result: { content: [{ type: 'text', text: 'built' }] } });

    const failing = mcp.callTool({ name: 'nope' });
    controller.expectRequest('tools/call').error(-32602, 'Unknown tool: nope');
    expect(failing.state()).toMatchObject({ status: 'error', error: { kind: 'protocol', code: -32602 } });
    controller.verify();
  });

  it('cancel(): the server gets notifications/cancelled', () => {
    const { mcp, controller } = setUp();
    const call = mcp.callTool({ name: 'slow' });
    const request = controller.expectRequest('tools/call');
    expect(request.cancelled).toBe(false);
    call.cancel();
    expect(request.cancelled).toBe(true);
    expect(call.state()).toEqual({ status: 'cancelled' });
  });

  it('verify() names requests nobody answered; expectRequest() says what is open', () => {
    const { mcp, controller } = setUp();
    mcp.prompts();
    expect(() => controller.verify()).toThrow('Unmatched MCP requests: prompts/list (id');
    expect(() => controller.expectRequest('tools/list')).toThrow(
      'Expected one tools/list request, found 0; open requests: prompts/list',
    );
    controller.expectRequest('prompts/list').flush({ prompts: [] });
    controller.expectNone('prompts/list');
    controller.verify();
  });

  it('closes the connection when its injector is destroyed', () => {
    const { mcp, controller } = setUp();
    mcp.tools();
    controller.expectRequest('tools/list').flush({ tools: [] });
    expect(controller.current.closed).toBe(false);
    TestBed.resetTestingModule();
    expect(controller.current.closed).toBe(true);
  });

  it('renders in a zoneless component, through a disconnect and back', async () => {
    @Component({
      selector: 'rxmcp-tools',
      template: `<p class="state">{{ mcp.state().status }}</p>
        <p class="tools">
          {{ mcp.tools().status }}:
          @for (tool of mcp.tools().value ?? []; track tool.name) {
            {{ tool.name }}
          }
        </p>`,
    })
    class ToolsComponent {
      readonly mcp = inject(McpClientService);
    }
    const { controller } = setUp();
    const fixture = TestBed.createComponent(ToolsComponent);
    const text = () =>
      Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('p'), (p) =>
        p.textContent!.replace(/\s+/g, ' ').trim(),
      ).join(' ');
    await fixture.whenStable();
    controller.expectRequest('tools/list').flush({ tools: [tool('add'), tool('echo')] });
    await fixture.whenStable();
    expect(text()).toBe('ready ready: add echo');
    controller.fail(new Error('server died'));
    await fixture.whenStable();
    expect(text()).toBe('closed error: add echo');
    await until(() => controller.connections.length === 2, 'the retry to reconnect');
    controller.expectRequest('tools/list').flush({ tools: [tool('add')] });
    await fixture.whenStable();
    expect(text()).toBe('ready ready: add');
  });
});
