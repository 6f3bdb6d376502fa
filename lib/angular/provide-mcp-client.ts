/**
 * @module
 * `provideMcpClient`: the providers of an injector's {@link McpClientService}.
 */
import type { Provider } from '@angular/core';
import type { Transport } from '../transport/transport.js';
import { MCP_CLIENT_CONFIG, type McpClientProviderOptions, McpClientService } from './mcp-client-service.js';

/**
 * Provides one {@link McpClientService} (one `McpClient`) for the injector it is given to: the
 * application (`bootstrapApplication(App, { providers: [provideMcpClient(…)] })`), a route or a
 * component. The transport comes from `factory` each time the client connects.
 *
 * @example
 * bootstrapApplication(App, {
 *   providers: [provideZonelessChangeDetection(), provideMcpClient(() => createStreamableHttpClientTransport(new URL('/mcp', location.origin)))],
 * });
 */
export function provideMcpClient(factory: () => Transport, options: McpClientProviderOptions = {}): Provider[] {
  return [
    { provide: MCP_CLIENT_CONFIG, useValue: { factory, options } },
    { provide: McpClientService, useFactory: () => new McpClientService() },
  ];
}
