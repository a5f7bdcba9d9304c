import { describe, expect, it } from "vitest";
import { checkStrategyFits } from "../../lib/deployments/strategy-batches";
import { batchFigures, batchIndexOf, deployShape, elasticIpServices, loggedBatchIndex, mentionsThrottling } from "./deploy-figures";

describe("deployShape", () => {
  it("mixes one- and two-group templates, 1-3 web instances and every strategy", () => {
    const shapes = Array.from({ length: 24 }, (_, i) => deployShape(i));
    expect(new Set(shapes.map((s) => s.template))).toEqual(new Set(["web", "stack"]));
    expect(new Set(shapes.map((s) => s.replicas))).toEqual(new Set([1, 2, 3]));
    const kinds = new Set(shapes.map((s) => (s.strategy.type === "rolling" ? `rolling${s.strategy.batchSize}` : s.strategy.type)));
    expect(kinds).toEqual(new Set(["rolling1", "rolling2", "blue-green", "canary"]));
    // Each template gets more than one strategy and more than one size.
    for (const template of ["web", "stack"]) {
      const of = shapes.filter((s) => s.template === template);
      expect(new Set(of.map((s) => s.replicas)).size).toBe(3);
      expect(new Set(of.map((s) => s.strategy.type)).size).toBeGreaterThan(1);
    }
  });

  it("never gives a group a strategy it cannot take, in any round", () => {
    for (let round = 0; round < 4; round += 1) {
      for (let i = 0; i < 48; i += 1) {
        const shape = deployShape(i, round);
        expect(() => checkStrategyFits(shape.strategy, shape.replicas)).not.toThrow();
      }
    }
  });

  it("changes the strategy from one round to the next", () => {
    expect(deployShape(5, 0).strategy).not.toEqual(deployShape(5, 1).strategy);
  });
});

describe("elasticIpServices", () => {
  it("keeps the addresses within the budget", () => {
    const replicas = Array.from({ length: 100 }, (_, i) => deployShape(i).replicas);
    const chosen = elasticIpServices(replicas, 5);
    const used = [...chosen].reduce((sum, i) => sum + replicas[i]!, 0);
    expect(used).toBeLessThanOrEqual(5);
    expect(chosen.size).toBeGreaterThan(1);
  });

  it("skips a service that would not fit and takes a smaller one later", () => {
    expect([...elasticIpServices([3, 3, 1], 4, 1, 0)]).toEqual([0, 2]);
  });
});

describe("batch names and log lines", () => {
  it("reads the batch index of a launch and of a log line", () => {
    expect(batchIndexOf("r0b2")).toBe(2);
    expect(batchIndexOf("r11b10")).toBe(10);
    expect(batchIndexOf(undefined)).toBeUndefined();
    expect(loggedBatchIndex("Traffic moved to batch 3: i-1 in service", "Traffic moved to batch")).toBe(2);
    expect(loggedBatchIndex("Health gate passed for batch 1 of 2: i-1 (ok)", "Health gate passed for batch")).toBe(0);
    expect(loggedBatchIndex("Release 1.0 serves on 2 instance(s)", "Traffic moved to batch")).toBeUndefined();
  });
});

describe("batchFigures", () => {
  it("splits a batch into the cloud's part and Hangar's, the slowest instance deciding", () => {
    const f = batchFigures({
      sentAt: 1000,
      instances: [
        { launchAt: 1040, runningAt: 6040, statusOkAt: 10_040 },
        { launchAt: 1040, runningAt: 7040, statusOkAt: 12_040 },
      ],
      httpMs: [3, 7],
      gatePassedAt: 13_047,
      trafficMovedAt: 13_100,
    });
    expect(f.hangarMs).toBe(12_100);
    expect(f.cloudMs).toBe(11_000 + 7);
    expect(f.overheadMs).toBe(12_100 - 11_007);
    expect(f.parts).toEqual({ sendMs: 40, gateMs: 1000, moveMs: 53 });
    // The parts add up to the overhead.
    expect(f.parts.sendMs + f.parts.gateMs + f.parts.moveMs).toBe(f.overheadMs);
    expect(f.cloud).toEqual({ pendingMs: 6000, initializingMs: 5000, httpMs: 7 });
  });

  it("has no HTTP part without an HTTP check", () => {
    const f = batchFigures({ sentAt: 0, instances: [{ launchAt: 10, runningAt: 100, statusOkAt: 200 }], httpMs: [], gatePassedAt: 250, trafficMovedAt: 260 });
    expect(f).toMatchObject({ cloudMs: 190, overheadMs: 70, parts: { sendMs: 10, gateMs: 50, moveMs: 10 } });
  });

  it("refuses a batch without instances", () => {
    expect(() => batchFigures({ sentAt: 0, instances: [], httpMs: [], gatePassedAt: 0, trafficMovedAt: 0 })).toThrow();
  });
});

describe("mentionsThrottling", () => {
  it("recognises EC2's and generic throttling words only", () => {
    expect(mentionsThrottling("RequestLimitExceeded: Request limit exceeded.")).toBe(true);
    expect(mentionsThrottling("Throttled by EC2, retrying")).toBe(true);
    expect(mentionsThrottling("Health gate failed for batch 1 of 3")).toBe(false);
    expect(mentionsThrottling(null)).toBe(false);
  });
});
