/**
 * rxmcp/angular with zone.js: the client's streams and timers run outside Angular's zone, so an
 * idle client leaves the app stable (a plain McpClient used inside the zone does not: its request
 * deadline timer stays scheduled after the call).
 */
import 'zone.js';
import './support/test-bed.js';
import { ApplicationRef, NgZone, provideZoneChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { filter, firstValueFrom } from 'rxjs';
import { McpClient } from '../../lib/client/index.js';
import { McpClientService } from '../../lib/angular/index.js';
import { McpTestingController, provideMcpTesting } from '../../lib/angular/testing.js';

const tools = { tools: [{ name: 'add', inputSchema: { type: 'object' } }] };

function setUp() {
  TestBed.configureTestingModule({ providers: [provideZoneChangeDetection(), provideMcpTesting()] });
  return {
    mcp: TestBed.inject(McpClientService),
    controller: TestBed.inject(McpTestingController),
    zone: TestBed.inject(NgZone),
  };
}

describe('McpClientService with zone.js', () => {
  it('runs in a real NgZone', () => {
    const { zone } = setUp();
    expect(zone).toBeInstanceOf(NgZone);
    expect(NgZone.isInAngularZone()).toBe(false);
    expect(zone.run(() => NgZone.isInAngularZone())).toBe(true);
  });

  it('leaves the zone without pending tasks once a call made in it has settled, and the app stable', async () => {
    const { mcp, controller, zone } = setUp();
    // A component holds the connection open and calls a tool, all from the zone.
    zone.run(() => mcp.client.connect());
    const results: unknown[] = [];
    zone.run(() => mcp.client.callTool({ name: 'add' }).subscribe((result) => results.push(result)));
    controller.expectRequest('tools/call').flush({ content: [] });
    controller.expectRequest('tools/list').flush(tools);
    expect(results).toEqual([{ content: [] }]);
    expect(mcp.state().status).toBe('ready');
    expect(zone.hasPendingMacrotasks).toBe(false);
    await expect(firstValueFrom(TestBed.inject(ApplicationRef).isStable.pipe(filter(Boolean)))).resolves.toBe(true);
    controller.verify();
  });

  it('(the problem it solves) a plain McpClient called inside the zone keeps a timer pending there', () => {
    const { controller, zone } = setUp();
    const client = zone.run(() => new McpClient(controller.factory));
    zone.run(() => client.connect());
    zone.run(() => client.callTool({ name: 'add' }).subscribe());
    controller.expectRequest('tools/call').flush({ content: [] });
    controller.expectRequest('tools/list').flush(tools);
    expect(client.state.status).toBe('ready');
    expect(zone.hasPendingMacrotasks).toBe(true);
  });
});
