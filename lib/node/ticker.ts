/**
 * @module
 * One timer per period for many periodic chores (SSE keep-alive comments, WebSocket pings), in
 * place of one timer per connection: a server with thousands of idle connections keeps one
 * `setInterval` per distinct period.
 */

/** Something done every period while it is registered. */
export interface Tickable {
  tick(): void;
}

const tickers = new Map<number, { readonly members: Set<Tickable>; readonly timer: ReturnType<typeof setInterval> }>();

/**
 * Calls `member.tick()` every `period` milliseconds until {@link stopTicking}. Members of one
 * period share a timer (unref'ed, so it never keeps the process alive), which starts with the
 * first member: a member's first tick comes within one period of joining, not exactly one
 * period after.
 *
 * @example
 * startTicking(15_000, connection); // connection.tick() writes a keep-alive comment
 * stopTicking(15_000, connection);
 */
export function startTicking(period: number, member: Tickable): void {
  let ticker = tickers.get(period);
  if (!ticker) {
    const members = new Set<Tickable>();
    const timer = setInterval(() => {
      for (const each of members) each.tick();
    }, period);
    timer.unref();
    tickers.set(period, (ticker = { members, timer }));
  }
  ticker.members.add(member);
}

/** Stops the ticks of `member`; the period's timer stops with its last member. */
export function stopTicking(period: number, member: Tickable): void {
  const ticker = tickers.get(period);
  if (!ticker?.members.delete(member) || ticker.members.size > 0) return;
  clearInterval(ticker.timer);
  tickers.delete(period);
}
