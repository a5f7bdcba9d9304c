import { describe, expect, it } from "vitest";
import { parseCidr, type Cidr } from "./cidr";
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
  const subnet = (id: string, text: string) => ({ id, cidr: parseCidr(text) as Cidr });

  it("hands out unique addresses per subnet, skipping reserved ones, and reuses released ones", () => {
    const ips = new IpAllocator();
    const a = subnet("subnet-a", "172.31.0.0/20");
    const c = subnet("subnet-c", "10.0.32.0/20");
    const first = ips.allocatePrivate(a) as string;
    expect([first, ips.allocatePrivate(a), ips.allocatePrivate(c)]).toEqual(["172.31.0.4", "172.31.0.5", "10.0.32.4"]);
    expect(ips.available(a)).toBe(4091 - 2);
    ips.releasePrivate(a, first);
    expect(ips.available(a)).toBe(4091 - 1);
    expect(ips.allocatePrivate(a)).toBe(first);
    ips.releasePrivate(a, "10.9.9.9"); // not from this subnet (an older state file): ignored
    expect(privateDnsName("10.0.1.23", "ec2.internal")).toBe("ip-10-0-1-23.ec2.internal");
    const restored = IpAllocator.fromJSON(ips.toJSON());
    expect(restored.allocatePrivate(a)).toBe("172.31.0.6");
  });

  it("fills a subnet up to its last usable address", () => {
    const ips = new IpAllocator();
    const tiny = subnet("subnet-t", "10.1.0.0/28");
    const got = Array.from({ length: 12 }, () => ips.allocatePrivate(tiny));
    expect(got.slice(0, 11).at(-1)).toBe("10.1.0.14");
    expect(got[11]).toBeUndefined();
    expect(ips.available(tiny)).toBe(0);
  });

  it("drops zone-indexed blocks of state files from before subnets", () => {
    const restored = IpAllocator.fromJSON({ next: { "0": 9, "subnet-a": 7 }, free: { "1": [5] } });
    expect(restored.toJSON()).toEqual({ next: { "subnet-a": 7 }, free: {} });
  });
});
