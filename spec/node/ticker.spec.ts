import { startTicking, stopTicking, type Tickable } from '../../lib/node/ticker.js';

describe('ticker', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const member = (): Tickable & { ticks: number } => {
    const m = { ticks: 0, tick: () => m.ticks++ };
    return m;
  };

  it('ticks every member of a period from one timer, until each stops; the timer stops with the last', () => {
    const a = member();
    const b = member();
    const other = member();
    startTicking(1_000, a);
    startTicking(1_000, b);
    startTicking(5_000, other);
    expect(jest.getTimerCount()).toBe(2);
    jest.advanceTimersByTime(2_000);
    expect([a.ticks, b.ticks, other.ticks]).toEqual([2, 2, 0]);
    stopTicking(1_000, a);
    jest.advanceTimersByTime(1_000);
    expect([a.ticks, b.ticks]).toEqual([2, 3]);
    stopTicking(1_000, b);
    stopTicking(1_000, b);
    expect(jest.getTimerCount()).toBe(1);
    stopTicking(5_000, other);
    expect(jest.getTimerCount()).toBe(0);
  });
});
