/**
 * The BDL API request quotas, enforced by waiting: the client never sends a request that would exceed a
 * window, so the API never has to refuse one (a 429 is still handled, see client.ts).
 *
 * Quotas as shared/data/README.md (bdl-api-samples) states them: "as documented by the API provider
 * [https://api.stat.gov.pl/Home/BdlApi] and enforced by public clients such as pyBDL":
 *   anonymous               5 requests/s, 100 per 15 min, 1,000 per 12 h, 10,000 per 7 days
 *   with an X-ClientId key 10 requests/s, 500 per 15 min, 5,000 per 12 h, 50,000 per 7 days
 *
 * Windows are sliding: a request at time t counts in a window of length W until t + W. With the times of
 * past requests (ascending), the earliest time a new request fits is found per window and the latest of
 * those wins (`nextAllowedTime`). The same pure function schedules real requests and the planner's
 * estimate (plan.ts), so the ETA printed before a run is the schedule the run will follow.
 *
 *   history (ms, ascending) ──nextAllowedTime(windows, now)──► { at, binding window }
 *        ▲                                                          │ sleep(at - now), send
 *        └──────────── append the send time, prune, save ◄──────────┘
 */
export interface QuotaWindow {
  /** Human name used in logs and the plan ("100 per 15 min"). */
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const window = (limit: number, windowMs: number, per: string): QuotaWindow => ({
  name: `${limit} per ${per}`,
  limit,
  windowMs,
});

/** "anonymous 5 requests/s, 100 per 15 min, 1,000 per 12 h, 10,000 per 7 days" (shared/data/README.md). */
export const ANONYMOUS_QUOTA: readonly QuotaWindow[] = [
  window(5, SECOND, 's'),
  window(100, 15 * MINUTE, '15 min'),
  window(1_000, 12 * HOUR, '12 h'),
  window(10_000, 7 * DAY, '7 days'),
];

/** "with a registered X-ClientId key 10/s, 500/15 min, 5,000/12 h, 50,000/7 days" (shared/data/README.md). */
export const REGISTERED_QUOTA: readonly QuotaWindow[] = [
  window(10, SECOND, 's'),
  window(500, 15 * MINUTE, '15 min'),
  window(5_000, 12 * HOUR, '12 h'),
  window(50_000, 7 * DAY, '7 days'),
];

export function quotaFor(clientId: string | null | undefined): readonly QuotaWindow[] {
  return clientId ? REGISTERED_QUOTA : ANONYMOUS_QUOTA;
}

/**
 * The earliest time (≥ now) at which one more request keeps every window within its limit, given the
 * times of past requests in ascending order, and the window that set it (null when nothing must wait).
 * A request at time s still counts at time t when s > t − W; with n past requests, the request at index
 * n − L is the one that must leave the window, at history[n − L] + W.
 */
export function nextAllowedTime(
  history: readonly number[],
  windows: readonly QuotaWindow[],
  now: number,
): { at: number; binding: QuotaWindow | null } {
  let at = now;
  let binding: QuotaWindow | null = null;
  // Moving `at` later only lets requests leave windows, so one pass settles it; a second pass is a guard.
  for (let pass = 0; pass < 2; pass++) {
    for (const w of windows) {
      const oldest = history[history.length - w.limit];
      if (oldest !== undefined && oldest + w.windowMs > at) {
        at = oldest + w.windowMs;
        binding = w;
      }
    }
  }
  return { at, binding };
}

/**
 * Keeps only what any window can still need: requests younger than the longest window, and no more
 * than the largest limit (older ones can never be the n − L-th). Returns a new ascending array.
 */
export function pruneHistory(
  history: readonly number[],
  windows: readonly QuotaWindow[],
  now: number,
): number[] {
  const longest = Math.max(0, ...windows.map((w) => w.windowMs));
  const largest = Math.max(0, ...windows.map((w) => w.limit));
  const young = history.filter((t) => t > now - longest);
  return young.slice(Math.max(0, young.length - largest));
}

/**
 * When `count` requests, sent one after another from `now` on top of `history`, would go out: the pure
 * schedule the client follows (each request waits for `nextAllowedTime`, then takes `responseMs` to be
 * answered before the next one starts, as the client sends one at a time). Returns when the last answer
 * arrives and, per window, how long it held the run back.
 */
export function simulateSchedule(
  count: number,
  windows: readonly QuotaWindow[],
  now: number,
  { history = [], responseMs = 0 }: { history?: readonly number[]; responseMs?: number } = {},
): { endsAt: number; waitedByWindow: Map<string, number> } {
  const times = [...history];
  const waitedByWindow = new Map<string, number>();
  let t = now;
  for (let i = 0; i < count; i++) {
    const { at, binding } = nextAllowedTime(times, windows, t);
    if (binding) waitedByWindow.set(binding.name, (waitedByWindow.get(binding.name) ?? 0) + (at - t));
    times.push(at);
    t = at + responseMs;
  }
  return { endsAt: t, waitedByWindow };
}

/**
 * What is persisted between runs: per client identity ("anonymous", or "key:" + a hash of the key — never
 * the key itself), the times (ms since the epoch) of its recent requests. One list serves every window.
 */
export interface QuotaState {
  readonly version: 1;
  readonly clients: Readonly<Record<string, readonly number[]>>;
}

/** Where the quota state lives between runs (a file in the data dir: quota-file.ts; memory in tests). */
export interface QuotaStateStore {
  /** The saved state, or null when nothing was saved yet. */
  load(): Promise<QuotaState | null>;
  save(state: QuotaState): Promise<void>;
}

/** A store that keeps the state in memory only (a test, or a one-off command that accepts the risk). */
export function memoryQuotaStore(initial: QuotaState | null = null): QuotaStateStore & {
  readonly current: QuotaState | null;
} {
  let state = initial;
  return {
    get current() {
      return state;
    },
    load: () => Promise.resolve(state),
    save: (next) => {
      state = next;
      return Promise.resolve();
    },
  };
}

/** Checks a parsed quota file; returns the state or why it is not one. */
export function parseQuotaState(data: unknown): QuotaState | string {
  if (typeof data !== 'object' || data === null) return 'expected a JSON object';
  const { version, clients } = data as { version?: unknown; clients?: unknown };
  if (version !== 1) return `expected "version": 1, found ${JSON.stringify(version)}`;
  if (typeof clients !== 'object' || clients === null) return 'expected "clients" to be an object';
  const out: Record<string, number[]> = {};
  for (const [identity, times] of Object.entries(clients)) {
    if (!Array.isArray(times) || !times.every((t) => typeof t === 'number' && Number.isFinite(t))) {
      return `expected "clients.${identity}" to be an array of times in ms`;
    }
    out[identity] = [...(times as number[])].sort((a, b) => a - b);
  }
  return { version: 1, clients: out };
}
