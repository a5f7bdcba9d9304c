import { describe, expect, it } from "vitest";
import { awsBuckets } from "../config/runtime-config";
import { TokenBuckets } from "./token-buckets";

describe("TokenBuckets", () => {
  it("allows the burst, then refills at the configured rate", () => {
    const buckets = new TokenBuckets({ enabled: true, buckets: awsBuckets });
    const take = (at: number) => buckets.take("acct", "us-east-1", "runInstances", at);
    expect([take(0), take(0), take(0), take(0), take(0), take(0)]).toEqual([true, true, true, true, true, false]);
    expect(take(499)).toBe(false);
    expect(take(500)).toBe(true);
    expect(buckets.take("acct", "us-east-1", "nonMutating", 500)).toBe(true);
    expect(buckets.take("other", "us-east-1", "runInstances", 500)).toBe(true);
  });

  it("never throttles when disabled", () => {
    const buckets = new TokenBuckets({ enabled: false, buckets: awsBuckets });
    for (let i = 0; i < 100; i++) expect(buckets.take("a", "r", "runInstances", 0)).toBe(true);
  });
});
