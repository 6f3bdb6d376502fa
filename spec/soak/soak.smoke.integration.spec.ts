// A smoke of `npm run soak` with tiny counts: every transport completes and reports a verdict.
// It asserts nothing about memory (a run this short says nothing); `npm run soak` does that.
import { runSoak, soakTable, TRANSPORTS } from './soak.js';

describe('npm run soak (smoke)', () => {
  it('runs on every transport and reports a verdict for each', async () => {
    const results = await runSoak({ transports: TRANSPORTS, sessions: 1, calls: 2, minutes: 0.02, sampleMs: 100 });
    expect(results.map((r) => r.transport)).toEqual([...TRANSPORTS]);
    for (const result of results) {
      expect({ transport: result.transport, errors: result.errors, firstError: result.firstError }).toEqual({
        transport: result.transport,
        errors: 0,
        firstError: undefined,
      });
      expect(result.calls).toBeGreaterThan(0);
      expect(result.heapSamples.length).toBeGreaterThan(0);
      expect(['flat', 'growing', 'too few samples']).toContain(result.heap.verdict);
    }
    expect(soakTable(results).split('\n')).toHaveLength(2 + TRANSPORTS.length);
  }, 120_000);
});
