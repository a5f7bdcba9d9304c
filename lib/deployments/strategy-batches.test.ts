import { describe, expect, it } from "vitest";
import { strategySchema } from "../services/schemas";
import { batchesOf, checkStrategyFits } from "./strategy-batches";

const s = (value: unknown) => strategySchema.parse(value);

describe("batchesOf", () => {
  it("splits rolling into batches of batchSize, the last one smaller", () => {
    expect(batchesOf(s({ type: "rolling", batchSize: 2 }), 5).map((b) => b.size)).toEqual([2, 2, 1]);
  });
  it("launches the whole set at once for blue-green", () => {
    expect(batchesOf(s({ type: "blue-green" }), 4)).toEqual([{ index: 0, size: 4 }]);
  });
  it("bakes a canary (count or percent rounded up) before the rest", () => {
    expect(batchesOf(s({ type: "canary", count: 1, bakeSeconds: 30 }), 4)).toEqual([{ index: 0, size: 1, bakeSeconds: 30 }, { index: 1, size: 3 }]);
    expect(batchesOf(s({ type: "canary", percent: 30, bakeSeconds: 0 }), 5).map((b) => b.size)).toEqual([2, 3]);
  });
});

describe("checkStrategyFits", () => {
  const pathOf = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      return (error as { issues: { path: string }[] }).issues[0]?.path;
    }
    return null;
  };
  it("refuses a batch larger than the group and a canary as large as it, at the setting", () => {
    expect(pathOf(() => checkStrategyFits(s({ type: "rolling", batchSize: 3 }), 2))).toBe("strategy.batchSize");
    expect(pathOf(() => checkStrategyFits(s({ type: "rolling", maxUnavailable: 2 }), 2))).toBe("strategy.maxUnavailable");
    expect(pathOf(() => checkStrategyFits(s({ type: "canary", count: 2 }), 2))).toBe("strategy.count");
    expect(pathOf(() => checkStrategyFits(s({ type: "canary", percent: 99 }), 2))).toBe("strategy.percent");
    expect(pathOf(() => checkStrategyFits(s({ type: "canary" }), 1))).toBe("strategy.type");
    expect(pathOf(() => checkStrategyFits(s({ type: "rolling", batchSize: 2 }), 2))).toBeNull();
  });
  it("refuses a batch size of 0 in the schema", () => {
    expect(strategySchema.safeParse({ type: "rolling", batchSize: 0 }).success).toBe(false);
  });
});
