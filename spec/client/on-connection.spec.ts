import { concat, dematerialize, exhaustMap, materialize, NEVER, type Observable, of } from 'rxjs';
import { type Connection, holdConnection, withConnection } from '../../lib/client/connection.js';
import { shareLatest } from '../../lib/client/share-latest.js';
import { traced, type TraceTools } from '../support/side-by-side.js';

type OnConnection = typeof withConnection;

/** The plain forms (CONTRIBUTING's table): the first connection's projection, completing with it or held. */
const plainWith: OnConnection = (connection$, project) =>
  connection$.pipe(
    exhaustMap((connection) => project(connection).pipe(materialize())),
    dematerialize(),
  );
const plainHold: OnConnection = (connection$, project) =>
  connection$.pipe(exhaustMap((connection) => concat(project(connection), NEVER)));

/** Stand-ins for connections: only their identity matters here. */
const connections = { c: { name: 'c' }, d: { name: 'd' } } as unknown as Record<string, Connection>;
const nameOf = (connection: Connection) => (connection as unknown as { name: string }).name;

type Scenario = (tools: TraceTools, form: OnConnection) => void;

/** The projected Observable of each scenario, named after its connection. */
const projecting =
  ({ cold, watch }: TraceTools, marbles: string) =>
  (connection: Connection): Observable<string> =>
    watch(`inner(${nameOf(connection)})`, cold(marbles));

const scenarios: Array<[string, Scenario]> = [
  [
    'the projection completes',
    (t, form) => t.observe('out', form(t.watch('conn', t.cold('-c------', connections)), projecting(t, '--a-b|'))),
  ],
  [
    'the projection errors',
    (t, form) => t.observe('out', form(t.watch('conn', t.cold('-c------', connections)), projecting(t, '--a-#'))),
  ],
  [
    'the connection errors while the projection runs',
    (t, form) => t.observe('out', form(t.watch('conn', t.cold('-c---#', connections)), projecting(t, '--a----b'))),
  ],
  [
    'the connection errors before it is ready',
    (t, form) => t.observe('out', form(t.watch('conn', t.cold('---#', connections)), projecting(t, '--a|'))),
  ],
  [
    'an early unsubscription (the projection is torn down, the connection released)',
    (t, form) =>
      t.observe('out', form(t.watch('conn', t.cold('-c------', connections)), projecting(t, '--a---b|')), 0, 5),
  ],
  [
    'an unsubscription before the connection is ready',
    (t, form) => t.observe('out', form(t.watch('conn', t.cold('----c--', connections)), projecting(t, '-a|')), 0, 2),
  ],
  [
    'the projection throws',
    (t, form) =>
      t.observe(
        'out',
        form(t.watch('conn', t.cold('-c------', connections)), () => {
          throw new Error('no projection');
        }),
      ),
  ],
  [
    'a later connection is ignored',
    (t, form) =>
      t.observe('out', form(t.watch('conn', t.cold('-c--d------', connections)), projecting(t, '--a---b-|'))),
  ],
  [
    'the connections complete before one is ready',
    (t, form) => t.observe('out', form(t.watch('conn', t.cold('--|', connections)), projecting(t, '-a|'))),
  ],
  [
    'the connections complete while the projection runs',
    (t, form) => t.observe('out', form(t.watch('conn', t.cold('-c-|', connections)), projecting(t, '--a--b|'))),
  ],
  [
    'a connection replayed synchronously (already open) and a synchronous projection',
    (t, form) => {
      const shared = t.watch('conn', t.cold('-c-------', connections)).pipe(shareLatest());
      t.observe(
        'holder',
        form(shared, () => NEVER),
        0,
        8,
      );
      t.observe(
        'out',
        form(shared, () => t.watch('inner', of('a', 'b'))),
        3,
      );
    },
  ],
  [
    'two calls sharing one connection (refcount), the second re-subscribing after the first ended',
    (t, form) => {
      const shared = t.watch('conn', t.cold('-c-------', connections)).pipe(shareLatest());
      t.observe('first', form(shared, projecting(t, '--a|')));
      t.observe('second', form(shared, projecting(t, '-b--|')), 2);
      t.observe('third', form(shared, projecting(t, '-c|')), 12);
    },
  ],
];

/**
 * The one deliberate difference: on teardown the hand-rolled form unsubscribes the projection
 * before the connection (so a cancelled request is announced before a transport it alone held
 * closes); the plain form releases the connection first. Each run of teardown entries (of one
 * frame) is compared with the connection's put first, as the plain form has it.
 */
function releasedFirst(log: string[]): string[] {
  const teardown = /^(\d+) (conn|inner\S*) (unsubscribe|finalize)$/;
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    out.push(...run.filter((entry) => / conn /.test(entry)), ...run.filter((entry) => !/ conn /.test(entry)));
    run = [];
  };
  for (const entry of log) {
    const frame = teardown.exec(entry)?.[1];
    if (frame === undefined || (run.length > 0 && !run[0]!.startsWith(`${frame} `))) flush();
    if (frame === undefined) out.push(entry);
    else run.push(entry);
  }
  flush();
  return out;
}

describe.each([
  ['withConnection', withConnection, plainWith],
  ['holdConnection', holdConnection, plainHold],
])('%s against its plain form', (_, handRolled, plain) => {
  it.each(scenarios)('%s: same emissions, errors, completion, subscriptions', (__, scenario) => {
    const hand = traced((tools) => scenario(tools, handRolled));
    const reference = traced((tools) => scenario(tools, plain));
    expect(releasedFirst(hand)).toEqual(reference);
    expect(hand.length).toBeGreaterThan(2);
  });
});

describe('onConnection teardown order', () => {
  it('withConnection releases the connection after the projection; the plain form before', () => {
    const run = (form: OnConnection) =>
      traced((t) =>
        t.observe('out', form(t.watch('conn', t.cold('-c---', connections)), projecting(t, '-a--')), 0, 3),
      ).filter((entry) => entry.startsWith('3 '));
    expect(run(withConnection)).toEqual([
      '3 inner(c) unsubscribe',
      '3 inner(c) finalize',
      '3 conn unsubscribe',
      '3 conn finalize',
    ]);
    expect(run(plainWith)).toEqual([
      '3 conn unsubscribe',
      '3 conn finalize',
      '3 inner(c) unsubscribe',
      '3 inner(c) finalize',
    ]);
  });

  it('holdConnection keeps holding after the projection completes, until unsubscribed', () => {
    const log = traced((t) =>
      t.observe('out', holdConnection(t.watch('conn', t.cold('-c---', connections)), projecting(t, '-a|')), 0, 6),
    );
    expect(log).toEqual([
      '0 conn subscribe',
      '1 conn next {"name":"c"}',
      '1 inner(c) subscribe',
      '2 inner(c) next a',
      '2 out got a',
      '3 inner(c) complete',
      '3 inner(c) finalize',
      '6 conn unsubscribe',
      '6 conn finalize',
    ]);
  });

  it('lets a connection$ that completes synchronously run to its end (the plain form unsubscribes it)', () => {
    // The only difference of a synchronous source: the client's connection$ (shareLatest over a
    // connection that errors when it ends) never completes, so nothing reaches this.
    const run = (form: OnConnection) =>
      traced((t) =>
        t.observe(
          'out',
          form(t.watch('conn', of(connections['c']!)), () => of('a')),
        ),
      );
    const hand = run(withConnection);
    const plain = run(plainWith);
    expect(hand.filter((entry) => / out /.test(entry))).toEqual(plain.filter((entry) => / out /.test(entry)));
    expect(hand.filter((entry) => / conn /.test(entry))).toEqual([
      '0 conn subscribe',
      '0 conn next {"name":"c"}',
      '0 conn complete',
      '0 conn finalize',
    ]);
    expect(plain.filter((entry) => / conn /.test(entry))).toEqual([
      '0 conn subscribe',
      '0 conn next {"name":"c"}',
      '0 conn unsubscribe',
      '0 conn finalize',
    ]);
  });
});
