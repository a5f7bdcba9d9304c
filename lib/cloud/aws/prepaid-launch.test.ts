// A reserved request is spent by the launch that was made with it: the limiter is not asked
// again for that first attempt (so a parked job does not queue twice), but any other request is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../../sandbox/server";
import type { RateLimitScope, RequestRateLimiter } from "../rate-limit/limits";
import { createAwsProvider } from "./create-aws-provider";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, timings: "fast", limits: "off", log: () => undefined });
});
afterAll(async () => {
  await sandbox.close();
});

class RecordingLimiter implements RequestRateLimiter {
  readonly acquired: string[] = [];
  readonly reserved: string[] = [];
  acquire(scope: RateLimitScope): Promise<void> {
    this.acquired.push(scope.action);
    return Promise.resolve();
  }
  reserve(scope: RateLimitScope): Promise<number> {
    this.reserved.push(scope.action);
    return Promise.resolve(1234);
  }
}

describe("prepaid launches", () => {
  it("spend the reservation instead of acquiring a token, once", async () => {
    const limiter = new RecordingLimiter();
    const provider = createAwsProvider({ kind: "sandbox", accountId: "acct", region: "us-east-1", endpoint: sandbox.url, rateLimiter: limiter });
    const [image] = await provider.listImages({ owners: ["amazon"], namePattern: "al2023-ami-2023.*-x86_64" });
    limiter.acquired.length = 0;
    expect(await provider.reserveRequest("RunInstances")).toBe(1234);
    await provider.launch({ clientToken: "prepaid-1", imageId: image!.id, instanceType: "t3.micro", count: 1, tags: {} }, { prepaid: true });
    expect(limiter.reserved).toEqual(["RunInstances"]);
    expect(limiter.acquired).toEqual([]);
    await provider.launch({ clientToken: "prepaid-2", imageId: image!.id, instanceType: "t3.micro", count: 1, tags: {} });
    expect(limiter.acquired).toEqual(["RunInstances"]);
    provider.destroy();
  });
});
