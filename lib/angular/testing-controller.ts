/**
 * @module
 * `McpTestingController`: play the server in a component's or service's spec, in the spirit of
 * Angular's `HttpTestingController`. Built on `rxmcp/testing`'s fake transport.
 */
import type { Provider } from '@angular/core';
import type { JSONRPCMessage, JSONRPCRequest, RequestId } from '../protocol/jsonrpc.js';
import type { ServerCapabilities } from '../protocol/index.js';
import { LATEST_PROTOCOL_VERSION } from '../protocol/versions.js';
import { createFakeTransport, type FakeTransport } from '../testing/fake-transport.js';
import { errorResponse, notification, result } from '../testing/messages.js';
import { provideMcpClient } from './provide-mcp-client.js';
import type { McpClientProviderOptions } from './mcp-client-service.js';

/** How the fake server answers `initialize`. */
export interface McpTestingOptions extends McpClientProviderOptions {
  /** The server's capabilities. @defaultValue tools, prompts and resources (with subscribe), all with listChanged */
  serverCapabilities?: ServerCapabilities;
}

/** One request the code under test sent, for the spec to answer. */
export class TestMcpRequest {
  constructor(
    /** The request as sent. */
    readonly request: JSONRPCRequest,
    private readonly fake: FakeTransport,
  ) {}

  /** Answers with `value` (the request's `result`). */
  flush(value: Record<string, unknown> = {}): void {
    this.fake.receive(result(this.request.id, value));
  }

  /** Answers with a JSON-RPC error. */
  error(code: number, message: string, data?: unknown): void {
    this.fake.receive(errorResponse(this.request.id, code, message, data));
  }

  /** Sends `notifications/progress` for it (the request must have asked for progress). */
  progress(progress: number, total?: number, message?: string): void {
    const token = (this.request.params?.['_meta'] as { progressToken?: string | number } | undefined)?.progressToken;
    if (token === undefined)
      throw new Error(`${this.request.method} (id ${String(this.request.id)}) did not ask for progress`);
    this.fake.receive(
      notification('notifications/progress', {
        progressToken: token,
        progress,
        ...(total !== undefined && { total }),
        ...(message !== undefined && { message }),
      }),
    );
  }

  /** Whether the client cancelled it (`notifications/cancelled` with its id). */
  get cancelled(): boolean {
    return this.fake.sent.some(
      (message) =>
        'method' in message &&
        message.method === 'notifications/cancelled' &&
        message.params?.['requestId'] === this.request.id,
    );
  }
}

const isRequest = (message: JSONRPCMessage): message is JSONRPCRequest => 'method' in message && 'id' in message;

/**
 * The fake server of {@link provideMcpTesting}: answers `initialize` itself; every other request
 * waits for the spec to find it with {@link McpTestingController.expectRequest} and answer it.
 *
 * @example
 * TestBed.configureTestingModule({ providers: [provideMcpTesting()] });
 * const controller = TestBed.inject(McpTestingController);
 * const tools = TestBed.inject(McpClientService).tools;
 * tools();                                            // starts the live list
 * controller.expectRequest('tools/list').flush({ tools: [{ name: 'add', inputSchema: { type: 'object' } }] });
 * expect(tools().value?.map((t) => t.name)).toEqual(['add']);
 * controller.verify();
 */
export class McpTestingController {
  /** Every connection the client opened, the latest last. */
  readonly connections: FakeTransport[] = [];
  private readonly matched = new Set<string>();

  constructor(private readonly capabilities: ServerCapabilities) {}

  /** The transport factory the client is given. */
  readonly factory = () => {
    const fake = createFakeTransport();
    this.connections.push(fake);
    const index = this.connections.length - 1;
    // Answer initialize as soon as it is sent: the fake's outbound is synchronous.
    const next = fake.transport.outbound.next.bind(fake.transport.outbound);
    fake.transport.outbound.next = (message) => {
      next(message);
      const sent = fake.sent.at(-1);
      if (sent && isRequest(sent) && sent.method === 'initialize') {
        this.matched.add(`${index}:${String(sent.id)}`);
        const protocolVersion = (sent.params?.['protocolVersion'] as string | undefined) ?? LATEST_PROTOCOL_VERSION;
        fake.receive(
          result(sent.id, {
            protocolVersion,
            capabilities: this.capabilities,
            serverInfo: { name: 'mcp-testing', version: '1.0.0' },
          }),
        );
      }
    };
    return fake.transport;
  };

  /** The latest connection (throws if none was opened). */
  get current(): FakeTransport {
    const fake = this.connections.at(-1);
    if (!fake) throw new Error('The client has not connected');
    return fake;
  }

  /**
   * The one request of `method` sent and not yet matched (on any connection); throws if there is
   * none or more than one.
   */
  expectRequest(method: string): TestMcpRequest {
    const found = this.open().filter(({ request }) => request.method === method);
    if (found.length !== 1) {
      throw new Error(`Expected one ${method} request, found ${found.length}; open requests: ${this.describeOpen()}`);
    }
    const [{ key, request, fake }] = found as [{ key: string; request: JSONRPCRequest; fake: FakeTransport }];
    this.matched.add(key);
    return new TestMcpRequest(request, fake);
  }

  /** Asserts that no request of `method` is open (sent and not yet matched). */
  expectNone(method: string): void {
    const found = this.open().filter(({ request }) => request.method === method);
    if (found.length > 0) throw new Error(`Expected no ${method} request, found ${found.length}`);
  }

  /** The server sends a notification on the latest connection (e.g. `notifications/tools/list_changed`). */
  notify(method: string, params?: Record<string, unknown>): void {
    this.current.receive(notification(method, params));
  }

  /** The connection fails (its `inbound$` errors), as when the server dies. */
  fail(error: unknown = new Error('The test server went away')): void {
    this.current.fail(error);
  }

  /** Throws if a request was sent that the spec never matched. */
  verify(): void {
    const open = this.open();
    if (open.length > 0) throw new Error(`Unmatched MCP requests: ${this.describeOpen()}`);
  }

  private open(): { key: string; request: JSONRPCRequest; fake: FakeTransport }[] {
    return this.connections.flatMap((fake, index) =>
      fake.sent.filter(isRequest).flatMap((request) => {
        const key = `${index}:${String(request.id)}`;
        return this.matched.has(key) ? [] : [{ key, request, fake }];
      }),
    );
  }

  private describeOpen(): string {
    const open = this.open();
    return open.length === 0
      ? 'none'
      : open.map(({ request }) => `${request.method} (id ${String(request.id as RequestId)})`).join(', ');
  }
}

/**
 * Provides an {@link McpClientService} connected to a fake server, and the
 * {@link McpTestingController} that plays it.
 *
 * @example
 * TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection(), provideMcpTesting()] });
 */
export function provideMcpTesting(options: McpTestingOptions = {}): Provider[] {
  const { serverCapabilities, ...clientOptions } = options;
  const controller = new McpTestingController(
    serverCapabilities ?? {
      tools: { listChanged: true },
      prompts: { listChanged: true },
      resources: { subscribe: true, listChanged: true },
    },
  );
  return [
    { provide: McpTestingController, useValue: controller },
    ...provideMcpClient(controller.factory, clientOptions),
  ];
}
