// Call counters per account, region and action, with outcomes. Every call is counted, including
// throttled, failed and dropped ones, because tests and benchmarks assert on retries.

export type Outcome = { kind: "ok" } | { kind: "error"; code: string } | { kind: "dropped" };

export interface CounterRow {
  account: string;
  region: string;
  action: string;
  total: number;
  ok: number;
  dropped: number;
  errors: Record<string, number>;
}

export class Counters {
  private readonly rows = new Map<string, CounterRow>();

  record(account: string, region: string, action: string, outcome: Outcome): void {
    const key = `${account}\u0000${region}\u0000${action}`;
    let row = this.rows.get(key);
    if (row === undefined) {
      row = { account, region, action, total: 0, ok: 0, dropped: 0, errors: {} };
      this.rows.set(key, row);
    }
    row.total++;
    if (outcome.kind === "ok") row.ok++;
    else if (outcome.kind === "dropped") row.dropped++;
    else row.errors[outcome.code] = (row.errors[outcome.code] ?? 0) + 1;
  }

  list(filter: { account?: string; region?: string; action?: string } = {}): CounterRow[] {
    return [...this.rows.values()]
      .filter(
        (r) =>
          (filter.account === undefined || r.account === filter.account) &&
          (filter.region === undefined || r.region === filter.region) &&
          (filter.action === undefined || r.action === filter.action),
      )
      .map((r) => ({ ...r, errors: { ...r.errors } }));
  }

  reset(): void {
    this.rows.clear();
  }
}
