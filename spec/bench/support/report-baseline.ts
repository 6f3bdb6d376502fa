/**
 * @module
 * The `--baseline` section of the report: every cell that ran `rxmcp@<rev>` next to the same cell
 * with the working tree's rxmcp, as now/before ratios computed within each run (calls/s above 1 and
 * CPU per call below 1 mean the working tree is better).
 */
import { median } from './common.js';
import type { CellOutcome } from './report.js';
import { fmtInt, loadValues, ratio, spread } from './report.js';
import type { LoadMode, LoadResult } from './types.js';

const cpuPair = (now: CellOutcome, before: CellOutcome, mode: LoadMode, pick: (r: LoadResult) => number | null) =>
  `${fmtInt(median(loadValues(now, mode, pick)))} / ${fmtInt(median(loadValues(before, mode, pick)))}`;

/** Markdown lines: one row per (baseline cell, mode), or none when nothing ran the baseline. */
export function beforeAfterTable(outcomes: CellOutcome[], baseline: string): string[] {
  const byId = new Map(outcomes.map((o) => [o.cell.id, o]));
  const rows: string[] = [];
  for (const before of outcomes) {
    const { cell } = before;
    if (cell.kind !== 'load' || cell.unavailable || (cell.client !== baseline && cell.server !== baseline)) continue;
    const nowId = `${cell.transport}/${cell.client === baseline ? 'rxmcp' : cell.client}→${cell.server === baseline ? 'rxmcp' : cell.server}`;
    const now = byId.get(nowId);
    if (!now || now.cell.unavailable) continue;
    for (const mode of ['seq', 'conc'] as const) {
      if (!before.runs.some((r) => r.load[mode]) || !now.runs.some((r) => r.load[mode])) continue;
      const server =
        cell.transport === 'memory'
          ? 'in-process'
          : `${cpuPair(now, before, mode, (r) => r.serverCpuUsPerCall)} | ${ratio(outcomes, nowId, cell.id, mode, (r) => r.serverCpuUsPerCall)}`;
      rows.push(
        `| ${cell.transport} | ${now.cell.client} → ${now.cell.server} | ${mode} | ${ratio(outcomes, nowId, cell.id, mode)} | ${spread(
          loadValues(now, mode, (r) => r.callsPerSec),
          fmtInt,
        )} | ${server} | ${cpuPair(now, before, mode, (r) => r.clientCpuUsPerCall)} | ${ratio(outcomes, nowId, cell.id, mode, (r) => r.clientCpuUsPerCall)} |`,
      );
    }
  }
  if (!rows.length) return [];
  return [
    '',
    `Now (the working tree's rxmcp) against before (\`${baseline}\`): the same cell with the older build in rxmcp's place, ratios computed within each run, then median (min–max). calls/s now/before above 1, CPU now/before below 1: now is better. CPU per call is the median over runs, now / before.`,
    '',
    '| transport | pair (now) | mode | calls/s now/before | calls/s now | server CPU µs/call now / before | server CPU now/before | client CPU µs/call now / before | client CPU now/before |',
    '|---|---|---|--:|--:|--:|--:|--:|--:|',
    ...rows,
  ];
}
