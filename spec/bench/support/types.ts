/**
 * @module
 * Names and shapes shared by the orchestrator, the client drivers and the servers.
 */

/**
 * A framework under test (`sdk`: the official SDK v1, `v2`: its v2 packages), or the raw baseline.
 * `rxmcp@<rev>` is rxmcp built at another git revision (`--baseline`, support/baseline.ts), run by
 * the same programs as `rxmcp`.
 */
export type Impl = 'raw' | 'sdk' | 'rxmcp' | 'v2' | `rxmcp@${string}`;

/** The implementation whose programs run `impl`: `rxmcp` for every `rxmcp@<rev>`. */
export const programImpl = <T extends string>(impl: T): T | 'rxmcp' => (impl.startsWith('rxmcp@') ? 'rxmcp' : impl);

/** A client driver: the three implementations, plus the raw HTTP baseline on `fetch`. */
export type ClientImpl = Impl | 'raw-fetch';

/**
 * The transports benchmarked. `http-sse` and `http-json` are Streamable HTTP answering POSTs with
 * an SSE stream or with a JSON body; `sse` is the legacy HTTP+SSE transport (2024-11-05). Those
 * run the 2025 revisions; `stdio-2026` and `http-2026` the 2026-07-28 revision.
 */
export type TransportName = 'memory' | 'stdio' | 'ws' | 'http-sse' | 'http-json' | 'sse' | 'stdio-2026' | 'http-2026';

export const TRANSPORTS: readonly TransportName[] = [
  'memory',
  'stdio',
  'ws',
  'http-sse',
  'http-json',
  'sse',
  'stdio-2026',
  'http-2026',
];
/** The 2026-07-28 revision (stateless: no `initialize`, the `_meta` envelope on every request) on stdio and Streamable HTTP. */
export const MODERN_TRANSPORTS: readonly TransportName[] = ['stdio-2026', 'http-2026'];
export const NETWORK_TRANSPORTS: readonly TransportName[] = ['ws', 'http-sse', 'http-json', 'sse'];

/** Loop sizes of one driver run. */
export interface Counts {
  seqWarmup: number;
  seqCalls: number;
  concWarmup: number;
  concCalls: number;
  concurrency: number;
  /** Sessions held open at once in `mem` mode. */
  sessions: number;
  /** Open/close rounds in `mem` mode. */
  rounds: number;
}

export type LoadMode = 'seq' | 'conc';

/** What the orchestrator hands a client driver (as one JSON argument). */
export interface DriverConfig {
  transport: TransportName;
  client: ClientImpl;
  server: Impl;
  /** `['seq']`, `['conc']`, both (smoke), or `['mem']`. */
  modes: Array<LoadMode | 'mem'>;
  counts: Counts;
  /** Network transports: where the server listens (ws://…, http://…/mcp, http://…/sse). */
  url?: string;
  /** Network transports: the server's pid, to sample its CPU time. */
  serverPid?: number;
  /** stdio: how to start the server (the driver spawns it through its own transport). */
  serverCommand?: { command: string; args: string[] };
}

/** The result of one load mode in one driver run. */
export interface LoadResult {
  mode: LoadMode;
  calls: number;
  seconds: number;
  callsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Client process CPU (user + system) per call, in microseconds. */
  clientCpuUsPerCall: number;
  /** Server process CPU per call (from /proc), or null when unknown or in-process. */
  serverCpuUsPerCall: number | null;
}

/** A server's memory as it reports it on its control channel (after a forced GC). */
export interface MemSample {
  heapUsed: number;
  rss: number;
  external: number;
  /** Sessions the server says it holds, where it knows. */
  sessions?: number;
}

/** One open/close round of `mem` mode. */
export interface MemRound {
  open: MemSample;
  closed: MemSample;
}

export interface MemResult {
  sessions: number;
  baseline: MemSample;
  rounds: MemRound[];
}
