import { describe, expect, it } from "vitest";
import { CloudError, type CloudErrorKind } from "./errors";
import { backoffDelayMs, RetryBudget, withRetry, type RetryDeps } from "./retry";

function fakeDeps(random = () => 0.5): RetryDeps & { clock: number; sleeps: number[] } {
  const deps = {
    clock: 0,
    sleeps: [] as number[],
    now: () => deps.clock,
    random,
    sleep: async (ms: number) => {
      deps.sleeps.push(ms);
      deps.clock += ms;
    },
  };
  return deps;
}

const cloudError = (kind: CloudErrorKind) => new CloudError({ kind, code: `Code_${kind}`, action: "Test", message: kind });

/** An operation failing with `kinds` in order, then succeeding. */
function failing(kinds: CloudErrorKind[]) {
  const calls = { count: 0 };
  const operation = async () => {
    const kind = kinds[calls.count++];
    if (kind) throw cloudError(kind);
    return "ok";
  };
  return { operation, calls };
}

describe("withRetry", () => {
  it.each(["validation", "auth", "not_found", "idempotency_mismatch"] as const)("never retries %s", async (kind) => {
    const { operation, calls } = failing([kind]);
    await expect(withRetry(operation, { budget: new RetryBudget(), deps: fakeDeps() })).rejects.toMatchObject({ kind });
    expect(calls.count).toBe(1);
  });

  it.each(["throttled", "server", "network"] as const)("retries %s until success", async (kind) => {
    const { operation, calls } = failing([kind, kind]);
    await expect(withRetry(operation, { budget: new RetryBudget(), deps: fakeDeps() })).resolves.toBe("ok");
    expect(calls.count).toBe(3);
  });

  it("gives up after maxAttempts", async () => {
    const { operation, calls } = failing(Array(10).fill("server"));
    await expect(withRetry(operation, { policy: { maxAttempts: 3 }, budget: new RetryBudget(), deps: fakeDeps() })).rejects.toMatchObject({
      kind: "server",
    });
    expect(calls.count).toBe(3);
  });

  it("retries capacity at most capacityRetries times", async () => {
    const once = failing(["capacity", "capacity", "capacity"]);
    await expect(withRetry(once.operation, { budget: new RetryBudget(), deps: fakeDeps() })).rejects.toMatchObject({ kind: "capacity" });
    expect(once.calls.count).toBe(2); // default: one retry

    const thrice = failing(["capacity", "capacity", "capacity"]);
    await expect(
      withRetry(thrice.operation, { policy: { capacityRetries: 3, maxAttempts: 10 }, budget: new RetryBudget(), deps: fakeDeps() }),
    ).resolves.toBe("ok");
    expect(thrice.calls.count).toBe(4);
  });

  it("stops when the next sleep would pass maxElapsedMs", async () => {
    const deps = fakeDeps(() => 0.99);
    const { operation, calls } = failing(Array(10).fill("throttled"));
    await expect(
      withRetry(operation, {
        policy: { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 100_000, maxElapsedMs: 5000 },
        budget: new RetryBudget(),
        deps,
      }),
    ).rejects.toMatchObject({ kind: "throttled" });
    // sleeps ~990 + ~1980 = 2970; the next (~3960) would end past 5000
    expect(deps.sleeps).toHaveLength(2);
    expect(calls.count).toBe(3);
  });

  it("rethrows non-CloudErrors without retrying", async () => {
    let count = 0;
    await expect(
      withRetry(
        async () => {
          count += 1;
          throw new TypeError("bug");
        },
        { budget: new RetryBudget(), deps: fakeDeps() },
      ),
    ).rejects.toBeInstanceOf(TypeError);
    expect(count).toBe(1);
  });
});

describe("full jitter", () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
  it("stays within [0, min(cap, base * 2^n))", () => {
    for (let n = 0; n < 8; n += 1) {
      const ceiling = Math.min(1000, 100 * 2 ** n);
      expect(backoffDelayMs(n, policy, () => 0)).toBe(0);
      expect(backoffDelayMs(n, policy, () => 0.999999)).toBeLessThan(ceiling);
      expect(backoffDelayMs(n, policy, () => 0.999999)).toBeGreaterThanOrEqual(ceiling - 1);
    }
  });

  it("uses the injected random for every sleep", async () => {
    const values = [0.1, 0.7, 0.3];
    const deps = fakeDeps(() => values.shift() ?? 0);
    const { operation } = failing(["server", "server", "server"]);
    await withRetry(operation, { policy: { baseDelayMs: 100, maxDelayMs: 10_000 }, budget: new RetryBudget(), deps });
    expect(deps.sleeps).toEqual([10, 140, 120]);
  });
});

describe("RetryBudget", () => {
  it("fails fast once the shared budget is spent", async () => {
    const budget = new RetryBudget({ capacity: 12, retryCost: 5, networkRetryCost: 10 });
    const first = failing(["server", "server", "server"]);
    // 12 tokens pay for two retries; the third is refused, so the error surfaces after 3 attempts
    await expect(withRetry(first.operation, { policy: { maxAttempts: 10 }, budget, deps: fakeDeps() })).rejects.toMatchObject({
      kind: "server",
    });
    expect(first.calls.count).toBe(3);
    expect(budget.available).toBe(2);

    const second = failing(["throttled"]);
    await expect(withRetry(second.operation, { budget, deps: fakeDeps() })).rejects.toMatchObject({ kind: "throttled" });
    expect(second.calls.count).toBe(1);
  });

  it("charges more for network errors and refills on success", async () => {
    const budget = new RetryBudget({ capacity: 100, retryCost: 5, networkRetryCost: 10, successRefill: 1 });
    await withRetry(failing(["network", "server"]).operation, { budget, deps: fakeDeps() });
    expect(budget.available).toBe(100 - 10 - 5 + 5); // the success refunds the last retry's cost
    await withRetry(failing([]).operation, { budget, deps: fakeDeps() });
    expect(budget.available).toBe(91);
  });

  it("never refills above capacity", async () => {
    const budget = new RetryBudget({ capacity: 10 });
    await withRetry(failing([]).operation, { budget, deps: fakeDeps() });
    expect(budget.available).toBe(10);
  });
});
