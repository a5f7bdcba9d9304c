// The sandbox's admin API: call counters and instance transition times are the ground truth the
// benchmarks measure Hangar (and the baseline) against.
export type CounterRow = { account: string; region: string; action: string; total: number; ok: number; dropped: number; errors: Record<string, number> };
export type SandboxInstance = {
  instanceId: string;
  state: string;
  instanceType: string;
  clientToken: string | null;
  tags: Record<string, string>;
  launchTime: string;
  runningAt?: string | null;
  terminatedAt?: string | null;
};

export class SandboxAdmin {
  constructor(readonly url: string) {}

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetch(`${this.url}${path}`, init);
    if (!response.ok) throw new Error(`${init?.method ?? "GET"} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async counters(): Promise<CounterRow[]> {
    return (await this.json<{ counters: CounterRow[] }>("/_sandbox/counters")).counters;
  }

  async resetCounters(): Promise<void> {
    await this.json("/_sandbox/counters/reset", { method: "POST", headers: { "content-type": "application/json" } });
  }

  async configure(patch: unknown): Promise<void> {
    await this.json("/_sandbox/config", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(patch) });
  }

  async instances(): Promise<SandboxInstance[]> {
    const body = await this.json<{ instances: SandboxInstance[] }>("/_sandbox/instances");
    return body.instances;
  }
}

export type CallTotals = { total: number; ok: number; failed: number; throttled: number; byAction: Record<string, number> };

export function totals(rows: CounterRow[]): CallTotals {
  const byAction: Record<string, number> = {};
  let total = 0;
  let ok = 0;
  let throttled = 0;
  for (const row of rows) {
    byAction[row.action] = (byAction[row.action] ?? 0) + row.total;
    total += row.total;
    ok += row.ok;
    throttled += row.errors.RequestLimitExceeded ?? 0;
  }
  return { total, ok, failed: total - ok, throttled, byAction };
}
