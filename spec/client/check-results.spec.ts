import { map, mergeMap, type Observable, type OperatorFunction } from 'rxjs';
import type { CallToolResult, Tool } from '../../lib/protocol/index.js';
import { LazyOutputSchemaChecks } from '../../lib/client/lazy-output-schema.js';
import { parseResult } from '../../lib/client/parse-result.js';
import { ToolCatalog } from '../../lib/client/tool-catalog.js';
import { defaultJsonSchemaValidator } from '../../lib/schema/default-validator.js';
import { traced, type TraceTools } from '../support/side-by-side.js';

type Check = (catalog: ToolCatalog, name: string) => OperatorFunction<unknown, CallToolResult>;

const handRolled: Check = (catalog, name) => catalog.checkResults(name);
/** The plain form `checkResults` stands for (CONTRIBUTING's table). */
const plain: Check = (catalog, name) => (source) =>
  source.pipe(
    map((raw) => parseResult(catalog.resultSchema(), raw, 'tools/call')),
    mergeMap((result) => catalog.checkResult(name, result)),
  );

const weather: Tool = {
  name: 'weather',
  inputSchema: { type: 'object' },
  outputSchema: { type: 'object', properties: { temp: { type: 'number' } }, required: ['temp'] },
};
const other: Tool = { name: 'other', inputSchema: { type: 'object' } };
const lists = { t: [weather, other], o: [other] };
/** a, b: valid results; i: structuredContent that breaks the schema; e: a tool error; x: not a result. */
const raws: Record<string, unknown> = {
  a: { content: [], structuredContent: { temp: 1 } },
  b: { content: [], structuredContent: { temp: 2 } },
  i: { content: [], structuredContent: { temp: 'warm' } },
  e: { content: [{ type: 'text', text: 'failed' }], isError: true },
  x: { content: 'not a list' },
};

interface Setup {
  /** The tools/list fetch, as marbles over `lists` (`#` fails it). */
  fetch: string;
  /** The raw results, as marbles over `raws`. */
  source: string;
  /** A list already stored in the catalog. */
  stored?: keyof typeof lists;
  name?: string;
  until?: number;
}

/** Runs one setup with a fresh catalog through `check`. */
const scenario =
  (setup: Setup) =>
  ({ cold, watch, observe }: TraceTools, check: Check) => {
    const catalog = new ToolCatalog(
      () => watch('fetch', cold(setup.fetch, lists)) as Observable<readonly Tool[]>,
      new LazyOutputSchemaChecks(defaultJsonSchemaValidator),
    );
    if (setup.stored) catalog.store(lists[setup.stored]);
    observe(
      'out',
      watch('raw', cold(setup.source, raws)).pipe(check(catalog, setup.name ?? 'weather')),
      0,
      setup.until,
    );
  };

const scenarios: Array<[string, Setup, RegExp]> = [
  ['an unknown tool: the list is fetched, then the result checked', { fetch: '---(t|)', source: '-a|' }, /4 out done/],
  ['a known tool: checked at once', { fetch: '---(t|)', source: '-a-b|', stored: 't' }, /4 out done/],
  ['a tool with no output schema', { fetch: '-(t|)', source: '-a|', name: 'other' }, /2 out done/],
  ['a tool the list lacks', { fetch: '--(o|)', source: '-a---a|' }, /6 out done/],
  ['structuredContent breaking the schema', { fetch: '--(t|)', source: '-i|' }, /3 out failed validation/],
  ['breaking the schema of a known tool', { fetch: '--(t|)', source: '-i|', stored: 't' }, /1 out failed validation/],
  ['a tool error passes unchecked', { fetch: '--(t|)', source: '-e|' }, /2 out done/],
  ['not a tools/call result', { fetch: '--(t|)', source: '-x|' }, /1 out failed validation/],
  ['a fetch that fails lets the result through', { fetch: '--#', source: '-a|' }, /3 out done/],
  ['two results while the list loads', { fetch: '----(t|)', source: '-ab|' }, /5 out got .*temp":2/],
  ['completion waits for the pending check', { fetch: '----(t|)', source: '-a|' }, /5 out done/],
  ['the source erroring while a check is pending', { fetch: '----(t|)', source: '-a-#' }, /3 out failed/],
  [
    'an early unsubscription while the list loads',
    { fetch: '-----(t|)', source: '-a--', until: 3 },
    /3 raw unsubscribe/,
  ],
  ['a stored list without the tool: fetched again', { fetch: '--(t|)', source: '-a|', stored: 'o' }, /3 out done/],
];

describe('ToolCatalog.checkResults against its plain form', () => {
  it.each(scenarios)('%s: same emissions, errors, completion and teardown', (_, setup, expected) => {
    const run = scenario(setup);
    const hand = traced((tools) => run(tools, handRolled));
    const reference = traced((tools) => run(tools, plain));
    expect(hand).toEqual(reference);
    expect(hand.some((entry) => expected.test(entry))).toBe(true);
  });
});
