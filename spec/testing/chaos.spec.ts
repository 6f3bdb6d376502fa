import { range, toArray } from 'rxjs';
import { chaos, createMcpTestScheduler, seededRandom, type ChaosFault } from '../../lib/testing/index.js';

const scheduler = () => createMcpTestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('seededRandom', () => {
  it('is reproducible for a seed, differs between seeds, and stays in [0, 1)', () => {
    const draw = (seed: number) => Array.from({ length: 1000 }, seededRandom(seed));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    const values = draw(123);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});

describe('chaos', () => {
  it('with no faults is transparent and synchronous', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-b-c-|').pipe(chaos())).toBe('-a-b-c-|');
    });
  });

  it('drops values', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-b-c-|').pipe(chaos({ drop: 1 }))).toBe('-------|');
    });
  });

  it('duplicates values', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a----b---|').pipe(chaos({ duplicate: 1 }))).toBe('-(aa)-(bb)|');
    });
  });

  it('holds a value back behind the next one (reorders), and releases the last on completion', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-b-c-|').pipe(chaos({ reorder: 1 }))).toBe('---(ba)(c|)');
    });
  });

  it('delays values on the scheduler and completes after the last delayed one', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-b|').pipe(chaos({ delay: 3 }))).toBe('----a-(b|)');
    });
  });

  it('delays each value within the range (so values overtake each other) and tells each fault', () => {
    const testScheduler = scheduler();
    testScheduler.run(({ cold, flush }) => {
      const faults: Array<ChaosFault<string>> = [];
      const arrivals: Array<[string, number]> = [];
      let completedAt = -1;
      cold('abcdefghij|')
        .pipe(chaos({ seed: 11, delay: { min: 2, max: 9 }, onFault: (fault) => faults.push(fault) }))
        .subscribe({
          next: (value) => arrivals.push([value, testScheduler.now()]),
          complete: () => (completedAt = testScheduler.now()),
        });
      flush();
      const sentAt = (value: string) => value.charCodeAt(0) - 'a'.charCodeAt(0);
      expect(arrivals.map(([value]) => value).sort()).toEqual([...'abcdefghij']);
      for (const [value, at] of arrivals) {
        const fault = faults.find((f) => f.value === value)!;
        expect(fault).toMatchObject({ kind: 'delay' });
        expect(fault.delay).toBeGreaterThanOrEqual(2);
        expect(fault.delay).toBeLessThanOrEqual(9);
        expect(at).toBe(sentAt(value) + fault.delay!);
      }
      expect(arrivals.map(([value]) => value).join('')).not.toBe('abcdefghij');
      expect(completedAt).toBe(Math.max(...arrivals.map(([, at]) => at)));
    });
  });

  it('passes an error at once, discarding delayed values', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-#').pipe(chaos({ delay: 5 }))).toBe('---#');
    });
  });

  it('gives the same faults for the same seed, and accounts for every value', () => {
    const once = (seed: number) => {
      const faults: string[] = [];
      let output: number[] = [];
      const testScheduler = scheduler();
      testScheduler.run(({ flush }) => {
        range(0, 200)
          .pipe(
            chaos({
              seed,
              drop: 0.2,
              duplicate: 0.2,
              reorder: 0.2,
              delay: { min: 0, max: 4 },
              onFault: (f) => faults.push(`${f.kind}:${f.value}`),
            }),
            toArray(),
          )
          .subscribe((values) => (output = values));
        flush();
      });
      return { faults, output };
    };
    const first = once(5);
    expect(once(5)).toEqual(first);
    expect(once(6).faults).not.toEqual(first.faults);
    const dropped = first.faults.filter((f) => f.startsWith('drop:')).length;
    const duplicated = first.faults.filter((f) => f.startsWith('duplicate:')).length;
    expect(dropped).toBeGreaterThan(20);
    expect(duplicated).toBeGreaterThan(20);
    expect(first.faults.some((f) => f.startsWith('reorder:'))).toBe(true);
    expect(first.output).toHaveLength(200 - dropped + duplicated);
    for (let value = 0; value < 200; value++) {
      const copies = first.output.filter((v) => v === value).length;
      const expected = first.faults.includes(`drop:${value}`) ? 0 : first.faults.includes(`duplicate:${value}`) ? 2 : 1;
      expect(copies).toBe(expected);
    }
  });
});
