/**
 * @module
 * Which rxmcp API the bench measures (printed in RESULTS.md), kept next to the code that uses it.
 */
export const RXMCP_API =
  "McpServer (`server.tool` with a zod schema) hosted by 'rxmcp/node' (stdio server transport, createStreamableHttpHandler, createLegacySseHandler, attachMcpWebSocket) on plain node:http; McpClient (`client.callTool`) over createStdioClientTransport, createNodeStreamableHttpClientTransport, createNodeSseClientTransport (node:http, keep-alive), createNodeWebSocketClientTransport; all imported from the package's public entry points (`rxmcp`, `rxmcp/node`: the compiled dist/)";
