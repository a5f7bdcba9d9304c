// Contract cases that need the sandbox's fault injection: lost responses, throttling storms,
// capacity shortages and 5xx bursts cannot be provoked on demand on real AWS.
import { afterEach, expect, it } from "vitest";
import { CloudError } from "../../errors";
import { HANGAR_TAGS, type LaunchRequest } from "../../provider";
import { LocalTokenBucketLimiter } from "../../rate-limit/local-limiter";
import { noRateLimiter } from "../../rate-limit/limits";
import { caught, launchRequest as buildLaunchRequest, type ContractOptions, type ContractTarget, type ProviderHandle, type SandboxControls } from "./harness";

export function defineFaultContract(getTarget: () => ContractTarget, options: ContractOptions): void {
  const { timeoutMs } = options;
  const sandbox = (): SandboxControls => {
    const controls = getTarget().sandbox;
    if (!controls) throw new Error("fault cases need a target with sandbox controls");
    return controls;
  };

  afterEach(async () => {
    await getTarget().sandbox?.resetFaults();
  });

  const launchRequest = (handle: ProviderHandle, overrides: Partial<LaunchRequest> = {}) => buildLaunchRequest(getTarget(), handle, overrides);

  it("does not duplicate instances when the RunInstances response is lost after it took effect", { timeout: timeoutMs }, async () => {
    await sandbox().configure({ faults: { drops: [{ action: "RunInstances", count: 1 }] } });
    const handle = await getTarget().provider();
    const request = await launchRequest(handle, { count: 2 });
    const result = await handle.provider.launch(request); // the SDK retries the reset connection with the same token
    getTarget().track(result.instances.map((i) => i.id));

    const described = await handle.provider.describeInstances({
      tags: { [HANGAR_TAGS.environment]: request.tags[HANGAR_TAGS.environment] as string },
    });
    expect(described.map((i) => i.id).sort()).toEqual(result.instances.map((i) => i.id).sort());
    expect(described).toHaveLength(2);
    expect(await handle.requests("RunInstances")).toBe(2); // the dropped one and its replay
  });

  it("rides out a throttling storm with retries when the client limiter is off", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider({ rateLimiter: noRateLimiter });
    const requests = await Promise.all(Array.from({ length: 10 }, () => launchRequest(handle)));
    const results = await Promise.all(requests.map((request) => handle.provider.launch(request)));
    getTarget().track(results.flatMap((r) => r.instances.map((i) => i.id)));
    expect(results.every((r) => r.instances.length === 1)).toBe(true);
    expect((await handle.errors("RunInstances")).RequestLimitExceeded ?? 0).toBeGreaterThan(0);
  });

  it("never meets RequestLimitExceeded when the client limiter is on", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider({ rateLimiter: new LocalTokenBucketLimiter() });
    const requests = await Promise.all(Array.from({ length: 10 }, () => launchRequest(handle)));
    const results = await Promise.all(requests.map((request) => handle.provider.launch(request)));
    getTarget().track(results.flatMap((r) => r.instances.map((i) => i.id)));
    expect(await handle.requests("RunInstances")).toBe(10);
    expect(await handle.errors("RunInstances")).toEqual({});
  });

  it("surfaces a zone's capacity shortage as kind capacity after bounded retries", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider();
    const base = await getTarget().launchBase(handle);
    const zone = `${handle.provider.region}a`;
    await sandbox().configure({ faults: { capacity: [{ zone, instanceType: base.instanceType }] } });

    const error = await caught(handle.provider.launch(await launchRequest(handle, { availabilityZone: zone })));
    expect(error).toBeInstanceOf(CloudError);
    expect(error).toMatchObject({ kind: "capacity", code: "InsufficientInstanceCapacity", retryable: true });
    // Our layer: the first attempt and one capacity retry. The SDK does not repeat them (a 500,
    // which it would otherwise treat as transient): exactly two requests reached the cloud.
    const counts = handle.observer.get("RunInstances");
    expect(counts.calls).toBe(2);
    expect(counts.sdkAttempts).toBe(2);
    expect(await handle.requests("RunInstances")).toBe(2);

    // Unpinned, EC2 (and the sandbox) places the launch in a zone with capacity.
    const elsewhere = await handle.provider.launch(await launchRequest(handle));
    getTarget().track(elsewhere.instances.map((i) => i.id));
    expect(elsewhere.instances[0]?.availabilityZone).not.toBe(zone);
  });

  it("retries 5xx through the SDK and then our layer", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider();
    await sandbox().configure({ faults: { errors: [{ action: "DescribeInstances", code: "InternalError", count: 4 }] } });
    await expect(handle.provider.describeInstances({ tags: { [HANGAR_TAGS.managedBy]: "nobody" } })).resolves.toEqual([]);
    const counts = handle.observer.get("DescribeInstances");
    expect(counts.retries).toBe(1); // the SDK's 3 attempts failed, our retry got through
    expect(await handle.requests("DescribeInstances")).toBe(5);
  });

  it("turns a hung request into a network error after the request timeout", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider({ requestTimeoutMs: 200, retry: { maxAttempts: 1 } });
    await sandbox().configure({ faults: { latency: [{ action: "DescribeRegions", fixedMs: 1000 }] } });
    const error = await caught(handle.provider.listRegions());
    expect(error).toMatchObject({ kind: "network", retryable: true });
    expect(handle.observer.get("DescribeRegions").sdkAttempts).toBe(3); // the SDK retried the timeouts itself
  });

  it("fails auth errors at once, without retries", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider();
    await sandbox().configure({ faults: { deny: ["StopInstances"] } });
    const error = await caught(handle.provider.stop(["i-0123456789abcdef0"]));
    expect(error).toMatchObject({ kind: "auth", code: "UnauthorizedOperation" });
    expect(await handle.requests("StopInstances")).toBe(1);
  });

  it("stops and starts instances", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider();
    const { instances } = await handle.provider.launch(await launchRequest(handle));
    const id = instances[0]?.id as string;
    getTarget().track([id]);
    const running = async () => (await handle.provider.describeInstances({ ids: [id] }))[0]?.state;
    await expect.poll(running, { timeout: 5000, interval: 100 }).toBe("running");
    expect(await handle.provider.stop([id])).toEqual([{ id, previousState: "running", currentState: "stopping" }]);
    await expect.poll(running, { timeout: 5000, interval: 100 }).toBe("stopped");
    expect(await handle.provider.start([id])).toEqual([{ id, previousState: "stopped", currentState: "pending" }]);
  });
}
