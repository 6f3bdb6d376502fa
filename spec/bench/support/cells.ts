/**
 * @module
 * The benchmark matrix: which (transport, client → server) cells exist, which programs run them,
 * and which are not available yet. Update `BUILT` as rxmcp's transports land.
 */
import type { ClientImpl, Impl, TransportName } from './types.js';
import { MODERN_TRANSPORTS, NETWORK_TRANSPORTS, programImpl, TRANSPORTS } from './types.js';

/**
 * Transports each implementation can run, as server and as client. A missing one makes its
 * cells print "n/a (…)" with the reason in `MISSING`, never numbers.
 */
const LEGACY = TRANSPORTS.filter((transport) => !MODERN_TRANSPORTS.includes(transport));
/** The v2 cells: its own stdio and Streamable HTTP (JSON answers) in both eras. */
const V2: readonly TransportName[] = ['stdio', 'http-json', ...MODERN_TRANSPORTS];

export const BUILT: Record<
  'raw' | 'sdk' | 'rxmcp' | 'v2',
  { server: readonly TransportName[]; client: readonly TransportName[] }
> = {
  raw: { server: LEGACY, client: TRANSPORTS },
  sdk: { server: LEGACY, client: LEGACY },
  rxmcp: { server: TRANSPORTS, client: TRANSPORTS },
  v2: { server: V2, client: V2 },
};

/** Why an (implementation, transport) is missing, by `impl/transport/role`. */
const MISSING: Record<string, string> = {};

export interface Cell {
  /** `transport/client→server`, e.g. `ws/sdk→rxmcp`. */
  id: string;
  transport: TransportName;
  client: ClientImpl;
  server: Impl;
  kind: 'load' | 'mem';
  /** Why the cell cannot run, or undefined when it can. */
  unavailable?: string;
}

const baseImpl = (client: ClientImpl): Impl => (client === 'raw-fetch' ? 'raw' : client);
const builtFor = (impl: Impl) => BUILT[programImpl(impl) as keyof typeof BUILT];

/** An older rxmcp build in the same run (`--baseline`): its name, and whether its client speaks 2026-07-28. */
export interface BaselineImpl {
  impl: `rxmcp@${string}`;
  modernClient: boolean;
}

/**
 * Load cells per transport: the three same-implementation pairs (raw, official, rxmcp), the
 * fetch variant of the raw HTTP client, the mixed official↔rxmcp pairs, and pairs against the
 * raw peer that isolate one side's cost (raw client → X server: server cost; X client → raw
 * server: client cost). Memory cells: same-implementation pairs on HTTP and WebSocket. The
 * official SDK v2 (`v2`) runs on stdio and Streamable HTTP in both eras, against itself, rxmcp and
 * the raw peer, and rxmcp's client against it in both eras (pinned to 2026-07-28 on the `*-2026`
 * transports, where rxmcp's client also runs against rxmcp).
 */
export function allCells(baseline?: BaselineImpl): Cell[] {
  const cells: Cell[] = [];
  const make = (transport: TransportName, client: ClientImpl, server: Impl, kind: 'load' | 'mem'): Cell => {
    const missing: string[] = [];
    const check = (impl: Impl, role: 'client' | 'server') => {
      if (!builtFor(impl)[role].includes(transport))
        missing.push(MISSING[`${impl}/${transport}/${role}`] ?? `not built yet: ${impl} ${transport} ${role}`);
    };
    if (baseline && client === baseline.impl && !baseline.modernClient && MODERN_TRANSPORTS.includes(transport)) {
      missing.push(`${client}'s McpClient does not negotiate 2026-07-28`);
    }
    check(baseImpl(client), 'client');
    check(server, 'server');
    return {
      id: `${kind === 'mem' ? 'mem:' : ''}${transport}/${client}→${server}`,
      transport,
      client,
      server,
      kind,
      unavailable: missing.length ? `n/a (${missing.join('; ')})` : undefined,
    };
  };
  const add = (transport: TransportName, client: ClientImpl, server: Impl, kind: 'load' | 'mem') =>
    void cells.push(make(transport, client, server, kind));
  for (const transport of MODERN_TRANSPORTS) {
    add(transport, 'v2', 'v2', 'load');
    add(transport, 'v2', 'rxmcp', 'load');
    add(transport, 'raw', 'v2', 'load');
    add(transport, 'raw', 'rxmcp', 'load');
    add(transport, 'rxmcp', 'v2', 'load');
    add(transport, 'rxmcp', 'rxmcp', 'load');
  }
  for (const transport of LEGACY) {
    if (V2.includes(transport)) {
      add(transport, 'v2', 'v2', 'load');
      add(transport, 'v2', 'rxmcp', 'load');
      add(transport, 'raw', 'v2', 'load');
      add(transport, 'v2', 'raw', 'load');
      add(transport, 'rxmcp', 'v2', 'load');
    }
    const http = transport !== 'memory' && transport !== 'stdio' && transport !== 'ws';
    add(transport, 'raw', 'raw', 'load');
    if (http) add(transport, 'raw-fetch', 'raw', 'load');
    add(transport, 'sdk', 'sdk', 'load');
    add(transport, 'rxmcp', 'rxmcp', 'load');
    add(transport, 'sdk', 'rxmcp', 'load');
    add(transport, 'rxmcp', 'sdk', 'load');
    add(transport, 'raw', 'sdk', 'load');
    add(transport, 'raw', 'rxmcp', 'load');
    add(transport, 'sdk', 'raw', 'load');
    add(transport, 'rxmcp', 'raw', 'load');
  }
  for (const transport of NETWORK_TRANSPORTS) {
    for (const impl of ['raw', 'sdk', 'rxmcp'] as const) add(transport, impl, impl, 'mem');
  }
  return baseline ? withBaseline(cells, baseline.impl, make) : cells;
}

/**
 * Each cell with rxmcp on a side, again with `baseline` on that side (both sides for
 * `rxmcp → rxmcp`), right after it. In-process `memory` cells only as `baseline → baseline`:
 * one process cannot host both builds' memory pair.
 */
function withBaseline(
  cells: Cell[],
  baseline: `rxmcp@${string}`,
  make: (transport: TransportName, client: ClientImpl, server: Impl, kind: 'load' | 'mem') => Cell,
): Cell[] {
  return cells.flatMap((cell) => {
    const client = cell.client === 'rxmcp' ? baseline : cell.client;
    const server = cell.server === 'rxmcp' ? baseline : cell.server;
    if (client === cell.client && server === cell.server) return [cell];
    if (cell.transport === 'memory' && !(client === baseline && server === baseline)) return [cell];
    return [cell, make(cell.transport, client, server, cell.kind)];
  });
}

/** The server program of an (implementation, transport), relative to the repository root. */
export function serverProgram(impl: Impl, transport: TransportName): { file: string; args: string[] } {
  impl = programImpl(impl);
  const name =
    transport === 'http-sse' || transport === 'http-json' || transport === 'http-2026'
      ? 'http'
      : transport === 'stdio-2026'
        ? 'stdio'
        : transport;
  const args =
    transport === 'http-sse'
      ? ['--response', 'sse']
      : transport === 'http-json' || transport === 'http-2026'
        ? ['--response', 'json']
        : [];
  return { file: `spec/bench/servers/${impl}-${name}.ts`, args };
}

/** The client driver program of an implementation. */
export function clientProgram(client: ClientImpl): string {
  return `spec/bench/clients/${programImpl(baseImpl(client))}.ts`;
}
