// rxmcp/testing's chaos transport used as a user would: an McpClient talking to an McpServer
// over a faulty link settles every call, in virtual time, whatever the faults.
import { map, merge, timer } from 'rxjs';
import { McpClient } from '../../lib/client/index.js';
import { isMcpError } from '../../lib/protocol/errors.js';
import { McpServer } from '../../lib/server/index.js';
import { createChaosTransport, createMcpTestScheduler } from '../../lib/testing/index.js';
import { createMemoryTransportPair } from '../../lib/transport/memory.js';

const CALLS = 12;

/** Runs CALLS tool calls through a chaotic link seeded with `seed`; returns each call's outcomes. */
function callsUnderChaos(seed: number): string[][] {
  const outcomes = Array.from({ length: CALLS }, (): string[] => []);
  createMcpTestScheduler().run(({ flush }) => {
    const server = new McpServer({ name: 'chaos', version: '1.0.0' });
    server.tool('echo', { description: 'echo after a while' }, () => timer(5).pipe(map(() => 'pong')));
    let connection = 0;
    const client = new McpClient(
      () => {
        const [clientSide, serverSide] = createMemoryTransportPair();
        server.connect(serverSide);
        connection++;
        return createChaosTransport(clientSide, {
          seed: seed * 100 + connection,
          drop: 0.05,
          duplicate: 0.1,
          reorder: 0.1,
          delay: { min: 0, max: 30 },
          ...(seed % 3 === 0 && { cutAt: 150 }),
        });
      },
      { timeout: 200 },
    );
    merge(
      ...outcomes.map((log, index) =>
        timer(index * 20).pipe(
          map(() =>
            client.callTool({ name: 'echo' }).subscribe({
              next: (result) => log.push(`result ${(result.content[0] as { text: string }).text}`),
              error: (error: unknown) =>
                log.push(isMcpError(error) ? `error ${error.kind}` : `not an McpError: ${String(error)}`),
              complete: () => log.push('complete'),
            }),
          ),
        ),
      ),
    ).subscribe();
    flush();
  });
  return outcomes;
}

describe('McpClient under chaos (rxmcp/testing)', () => {
  const seeds = Array.from({ length: 30 }, (_, index) => index + 1);
  const runs = seeds.map((seed) => ({ seed, outcomes: callsUnderChaos(seed) }));

  // A duplicated `initialize` is answered twice (the second time "Already initialized"), and a
  // delay may let that answer overtake the first: a protocol error is a fair outcome then.
  it('settles every call exactly once: a result, or an McpError (timeout, closed, transport or protocol)', () => {
    for (const { seed, outcomes } of runs) {
      for (const log of outcomes) {
        const settled =
          log.length === 2
            ? log[0] === 'result pong' && log[1] === 'complete'
            : log.length === 1 && /^error (timeout|closed|transport|protocol)$/.test(log[0]!);
        if (!settled) throw new Error(`seed ${seed}: a call did not settle once: ${JSON.stringify(log)}`);
      }
    }
  });

  it('is not vacuous: calls succeed and fail across the seeds', () => {
    const all = runs.flatMap(({ outcomes }) => outcomes.map((log) => log[0]!));
    expect(all.filter((outcome) => outcome === 'result pong').length).toBeGreaterThan(all.length / 3);
    expect(all.some((outcome) => outcome === 'error timeout')).toBe(true);
    expect(all.some((outcome) => outcome === 'error transport')).toBe(true);
  });

  it('is deterministic for a seed', () => {
    expect(callsUnderChaos(4)).toEqual(runs[3]!.outcomes);
  });
});
