/**
 * @module
 * One timer per period for many periodic chores (SSE keep-alive comments, WebSocket pings), in
 * place of one timer per connection: a server with thousands of idle connections keeps one
 * scheduled action per scheduler and distinct period.
 */
import type { SchedulerLike, Subscription } from 'rxjs';

/** Something done every period while it is registered. */
export interface Tickable {
  tick(): void;
}

interface Ticker {
  readonly members: Set<Tickable>;
  action: Subscription;
}

const tickers = new WeakMap<SchedulerLike, Map<number, Ticker>>();

/**
 * Calls `member.tick()` every `period` milliseconds of `scheduler` until {@link stopTicking}.
 * Members of one scheduler and period share one scheduled action, which starts with the first
 * member (or is still there from earlier ones): a member's first tick comes within one period of
 * joining, not exactly one period after.
 * It stands for `interval(period, scheduler)` per member, shared.
 *
 * @example
 * startTicking(asyncScheduler, 15_000, connection); // connection.tick() writes a keep-alive comment
 * stopTicking(asyncScheduler, 15_000, connection);
 */
export function startTicking(scheduler: SchedulerLike, period: number, member: Tickable): void {
  let byPeriod = tickers.get(scheduler);
  if (!byPeriod) tickers.set(scheduler, (byPeriod = new Map()));
  let ticker = byPeriod.get(period);
  if (!ticker) {
    const members = new Set<Tickable>();
    const created: Ticker = { members, action: undefined! };
    const run = () => {
      // No member left since the last tick: the period's action ends here.
      if (members.size === 0) {
        if (byPeriod!.get(period) === created) byPeriod!.delete(period);
        return;
      }
      created.action = scheduler.schedule(run, period);
      for (const each of members) each.tick();
    };
    created.action = scheduler.schedule(run, period);
    byPeriod.set(period, (ticker = created));
  }
  ticker.members.add(member);
}

/**
 * Stops the ticks of `member`. The period's scheduled action outlives its last member until its
 * next tick, then ends: members that come and go one at a time (a stream per request, each
 * closed before the next opens) share one action instead of scheduling and cancelling one each.
 */
export function stopTicking(scheduler: SchedulerLike, period: number, member: Tickable): void {
  tickers.get(scheduler)?.get(period)?.members.delete(member);
}
