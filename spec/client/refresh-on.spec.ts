import { EMPTY, filter, map, merge, of, Subject, take, throwError } from 'rxjs';
import type { JSONRPCNotification } from '../../lib/protocol/jsonrpc.js';
import { refreshOn } from '../../lib/client/refresh-on.js';
import { traced, type TraceTools } from '../support/side-by-side.js';

type RefreshOn = typeof refreshOn;

/** The plain form `refreshOn` stands for (CONTRIBUTING's table). */
const plainRefreshOn: RefreshOn = (notifications$, method, matches = () => true) =>
  merge(
    notifications$.pipe(
      filter((notification) => notification.method === method && matches(notification)),
      map(() => undefined),
    ),
    of(undefined),
  );

const CHANGED = 'notifications/resources/updated';
/** c: the method for uri a; d: the method for another uri; x: another method. */
const notes: Record<string, JSONRPCNotification> = {
  c: { jsonrpc: '2.0', method: CHANGED, params: { uri: 'a' } },
  d: { jsonrpc: '2.0', method: CHANGED, params: { uri: 'b' } },
  x: { jsonrpc: '2.0', method: 'notifications/tools/list_changed' },
};
const forUriA = (notification: JSONRPCNotification) => notification.params?.['uri'] === 'a';

type Scenario = (tools: TraceTools, form: RefreshOn) => void;

/** Each scenario, and what the subscriber (`out`) sees in it. */
const scenarios: Array<[string, Scenario, string[]]> = [
  [
    'once now, then on each matching notification',
    ({ cold, watch, observe }, form) => observe('out', form(watch('n', cold('---c---x---c--', notes)), CHANGED)),
    ['0 out got undefined', '3 out got undefined', '11 out got undefined'],
  ],
  [
    'a matcher',
    ({ cold, watch, observe }, form) =>
      observe('out', form(watch('n', cold('--d--c--x-d-c', notes)), CHANGED, forUriA)),
    ['0 out got undefined', '5 out got undefined', '12 out got undefined'],
  ],
  [
    'the notifications erroring',
    ({ cold, watch, observe }, form) => observe('out', form(watch('n', cold('--c--#', notes)), CHANGED)),
    ['0 out got undefined', '2 out got undefined', '5 out failed error: error'],
  ],
  [
    'the notifications completing',
    ({ cold, watch, observe }, form) => observe('out', form(watch('n', cold('--c--|', notes)), CHANGED)),
    ['0 out got undefined', '2 out got undefined', '5 out done'],
  ],
  [
    'an early unsubscription',
    ({ cold, watch, observe }, form) => observe('out', form(watch('n', cold('--c---c--', notes)), CHANGED), 0, 4),
    ['0 out got undefined', '2 out got undefined'],
  ],
  [
    'two subscribers of hot notifications, one after the other leaves',
    ({ hot, watch, observe }, form) => {
      const live = form(watch('n', hot('--c--c--c--c', notes)), CHANGED);
      observe('a', live, 0, 4);
      observe('b', live, 6);
    },
    ['0 a got undefined', '2 a got undefined', '6 b got undefined', '8 b got undefined', '11 b got undefined'],
  ],
  [
    'a subscriber that takes one (leaves during the first emission)',
    ({ cold, watch, observe }, form) => observe('out', form(watch('n', cold('--c', notes)), CHANGED).pipe(take(1))),
    ['0 out got undefined', '0 out done'],
  ],
  [
    'notifications that fail at frame 0 (after the first emission)',
    ({ cold, watch, observe }, form) => observe('out', form(watch('n', cold('#', notes)), CHANGED)),
    ['0 out got undefined', '0 out failed error: error'],
  ],
  [
    'notifications that complete synchronously',
    ({ watch, observe }, form) => observe('out', form(watch('n', EMPTY), CHANGED)),
    ['0 out got undefined', '0 out done'],
  ],
  [
    'notifications that emit and complete synchronously',
    ({ watch, observe }, form) => observe('out', form(watch('n', of(notes['c']!, notes['x']!)), CHANGED)),
    ['0 out got undefined', '0 out got undefined', '0 out done'],
  ],
  [
    'notifications that fail synchronously',
    ({ watch, observe }, form) =>
      observe(
        'out',
        form(
          watch(
            'n',
            throwError(() => new Error('gone')),
          ),
          CHANGED,
        ),
      ),
    ['0 out failed error: gone'],
  ],
  [
    'a matcher that throws',
    ({ cold, watch, observe }, form) =>
      observe(
        'out',
        form(watch('n', cold('--x--c--c', notes)), CHANGED, () => {
          throw new Error('bad matcher');
        }),
      ),
    ['0 out got undefined', '5 out failed error: bad matcher'],
  ],
];

describe('refreshOn against its plain form', () => {
  it.each(scenarios)('%s: same emissions, errors, completion and teardown', (_, scenario, seen) => {
    const handRolled = traced((tools) => scenario(tools, refreshOn));
    const plain = traced((tools) => scenario(tools, plainRefreshOn));
    expect(handRolled).toEqual(plain);
    expect(handRolled.filter((entry) => / (out|a|b) /.test(entry))).toEqual(seen);
  });

  it.each([
    ['refreshOn', refreshOn],
    ['the plain form', plainRefreshOn],
  ] as Array<[string, RefreshOn]>)(
    '%s listens before its first emission: a notification sent during the first refresh is not missed',
    (_, form) => {
      const notifications = new Subject<JSONRPCNotification>();
      let refreshes = 0;
      const subscription = form(notifications, CHANGED).subscribe(() => {
        if (++refreshes === 1) notifications.next(notes['c']!);
      });
      expect(refreshes).toBe(2);
      subscription.unsubscribe();
      expect(notifications.observed).toBe(false);
    },
  );
});
