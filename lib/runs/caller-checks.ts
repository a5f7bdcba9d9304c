// Re-checks of the callers behind open streams (disabled? signed out everywhere? token revoked?
// still in the team?), one per caller at a time and reused for a moment: a user with 20 streams,
// or 20 environments followed at once, costs one reload, not 20.
import type { Caller } from "../identity/caller";

type Entry = { at: number; result: Promise<Caller | null> };

export class CallerChecks {
  private readonly recent = new Map<string, Entry>();

  constructor(
    private readonly reload: (caller: Caller) => Promise<Caller | null>,
    /** How long a check's answer is reused; well under the poll interval, so a disabled user's streams still end within one. */
    private readonly reuseMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  check(caller: Caller): Promise<Caller | null> {
    const key = `${caller.userId}:${caller.sessionVersion}:${caller.token?.id ?? "session"}`;
    const now = this.now();
    const hit = this.recent.get(key);
    if (hit && now - hit.at < this.reuseMs) return hit.result;
    for (const [k, entry] of this.recent) if (now - entry.at >= this.reuseMs) this.recent.delete(k);
    const result = this.reload(caller);
    // A failed reload is not remembered: the next refresh tries again.
    result.catch(() => this.recent.delete(key));
    this.recent.set(key, { at: now, result });
    return result;
  }
}
