/**
 * `npm run soak`: the soak run from the command line. Defaults take about two minutes.
 *
 * npm run soak -- --minutes 1 --sessions 8 --calls 100 --transports http-json,ws --out soak.md
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSoak, soakTable, TRANSPORTS, type SoakTransport } from './soak.js';
import { GROWTH_BYTES, GROWTH_SHARE, WARM_UP_SHARE } from './verdict.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '0.4' },
    sessions: { type: 'string', default: '4' },
    calls: { type: 'string', default: '50' },
    'sample-ms': { type: 'string', default: '1000' },
    transports: { type: 'string', default: TRANSPORTS.join(',') },
    out: { type: 'string' },
  },
});
const transports = values.transports.split(',') as SoakTransport[];
for (const transport of transports)
  if (!TRANSPORTS.includes(transport))
    throw new Error(`Unknown transport ${transport} (known: ${TRANSPORTS.join(', ')})`);
const options = {
  transports,
  minutes: Number(values.minutes),
  sessions: Number(values.sessions),
  calls: Number(values.calls),
  sampleMs: Number(values['sample-ms']),
  log: (line: string) => console.error(line),
};
console.error(
  `soak: ${options.sessions} sessions × ${options.calls} calls, ${options.minutes} min per transport, a sample every ${options.sampleMs} ms`,
);
const results = await runSoak(options);
const rule = `Verdict: the first ${WARM_UP_SHARE * 100} % of the samples are warm-up; a least-squares line through the rest is "growing" when it rises by more than ${GROWTH_BYTES / 1024 / 1024} MiB and more than ${GROWTH_SHARE * 100} % of the mean over the span, else "flat". Heap is sampled after a full GC.`;
const report = `${soakTable(results)}\n\n${rule}\n\nNode ${process.version}, ${options.sessions} sessions × ${options.calls} calls per session, ${options.minutes} min per transport, a sample every ${options.sampleMs} ms.\n`;
console.log(report);
if (values.out)
  writeFileSync(
    values.out,
    `${report}\n<!-- ${JSON.stringify(results.map(({ heapSamples: _heap, rssSamples: _rss, ...rest }) => rest))} -->\n`,
  );
const failed = results.filter((r) => r.errors > 0 || r.calls === 0);
for (const r of failed) console.error(`${r.transport}: ${r.errors} errors (first: ${r.firstError}), ${r.calls} calls`);
process.exitCode = failed.length > 0 ? 1 : 0;
