/**
 * What the rxmcp-client interop specs against the 2026-07-28 SDK servers share: the cells (a
 * transport and a `versionNegotiation` mode, with the era it must agree on), and opening a held
 * McpClient on a fixture server started as a stdio child or as an HTTP child process.
 */
import { firstValueFrom } from 'rxjs';
import { McpClient, type ClientHandlers } from '../../lib/client/index.js';
import type { VersionNegotiation } from '../../lib/client/modern/negotiate.js';
import { createStdioClientTransport } from '../../lib/node/stdio/index.js';
import { createStreamableHttpClientTransport } from '../../lib/transport/http/index.js';
import type { Transport } from '../../lib/transport/transport.js';
import { spawnServing } from '../support/serving-child.js';

export interface EraCell {
  transport: 'stdio' | 'Streamable HTTP';
  mode: VersionNegotiation;
  era: 'modern' | 'legacy';
}

/** A fixture server: its stdio command line, and the command line of its HTTP mode. */
export interface FixtureCommands {
  stdio: { command: string; args: string[]; cwd: string };
  http: { command: string; args: string[]; cwd: string };
}

/** An open cell: the client (holding its connection) and how to close it all. */
export interface OpenCell {
  client: McpClient;
  close(): Promise<void>;
}

/** The text of a tool result's first content block. */
export const textOf = (result: { content?: unknown }) => (result.content as Array<{ text?: string }>)[0]?.text;

/** Starts the fixture for `cell` and connects a client in `cell.mode` with `handlers`. */
export async function openCell(cell: EraCell, fixture: FixtureCommands, handlers: ClientHandlers): Promise<OpenCell> {
  let factory: () => Transport;
  let stop = async (): Promise<void> => undefined;
  if (cell.transport === 'stdio') {
    const { command, args, cwd } = fixture.stdio;
    factory = () => createStdioClientTransport({ command, args, cwd });
  } else {
    const served = await spawnServing(fixture.http.command, fixture.http.args, fixture.http.cwd);
    const url = `${served.url}/mcp`;
    factory = () => createStreamableHttpClientTransport(url);
    stop = () => served.stop();
  }
  const client = new McpClient(factory, {
    clientInfo: { name: 'rxmcp-interop', version: '1.0.0' },
    versionNegotiation: cell.mode,
    handlers,
  });
  const held = client.connect();
  await firstValueFrom(client.connection$);
  return {
    client,
    close: async () => {
      held.unsubscribe();
      await stop();
    },
  };
}
