import { describe, expect, it } from "vitest";
import { IpAllocator, privateDnsName } from "./ip-allocator";
import { scheduleTransitions, stateAt, type InstanceRecord } from "./instance";
import { Random } from "./random";

describe("Random.duration", () => {
  it("samples a log-normal with the configured median, clamped", () => {
    const random = new Random(7);
    const spec = { medianMs: 5000, sigma: 0.35, minMs: 1000, maxMs: 60_000 };
    const samples = Array.from({ length: 4001 }, () => random.duration(spec)).sort((a, b) => a - b);
    const median = samples[2000] ?? 0;
    expect(median).toBeGreaterThan(4700);
    expect(median).toBeLessThan(5300);
    expect(samples[0]).toBeGreaterThanOrEqual(1000);
    expect(samples[samples.length - 1]).toBeLessThanOrEqual(60_000);
    // The tail is longer above the median than below it.
    expect((samples[3960] ?? 0) - median).toBeGreaterThan(median - (samples[40] ?? 0));
    expect(random.duration({ fixedMs: 123 })).toBe(123);
  });

  it("is reproducible with a seed", () => {
    expect(new Random(1).hex(17)).toBe(new Random(1).hex(17));
  });
});

describe("instance timeline", () => {
  it("derives the state from timestamps and cancels scheduled transitions", () => {
    const instance = {
      timeline: [
        { state: "pending", at: 0 },
        { state: "running", at: 100 },
      ],
    } as InstanceRecord;
    expect(stateAt(instance, 99)).toBe("pending");
    expect(stateAt(instance, 100)).toBe("running");
    // Terminated while pending: `running` never happens.
    scheduleTransitions(instance, 50, [
      ["shutting-down", 0],
      ["terminated", 30],
    ]);
    expect(instance.timeline.map((t) => t.state)).toEqual(["pending", "shutting-down", "terminated"]);
    expect(stateAt(instance, 79)).toBe("shutting-down");
    expect(stateAt(instance, 80)).toBe("terminated");
  });
});

describe("IpAllocator", () => {
  it("hands out unique addresses per zone block and reuses released ones", () => {
    const ips = new IpAllocator();
    const a = ips.allocatePrivate(0).ip;
    const b = ips.allocatePrivate(0).ip;
    const c = ips.allocatePrivate(2).ip;
    expect([a, b, c]).toEqual(["10.0.0.4", "10.0.0.5", "10.32.0.4"]);
    ips.releasePrivate(a);
    expect(ips.allocatePrivate(0).ip).toBe(a);
    expect(privateDnsName("10.0.1.23", "ec2.internal")).toBe("ip-10-0-1-23.ec2.internal");
    const restored = IpAllocator.fromJSON(ips.toJSON());
    expect(restored.allocatePrivate(0).ip).toBe("10.0.0.6");
  });
});
