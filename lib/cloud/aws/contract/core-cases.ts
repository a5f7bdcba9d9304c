// Contract cases every target must pass, the sandbox and real AWS alike.
import { expect, it } from "vitest";
import { CloudError } from "../../errors";
import { HANGAR_TAGS, type LaunchRequest } from "../../provider";
import { caught, launchRequest as buildLaunchRequest, eventually, unknownInstanceId, type ContractOptions, type ContractTarget, type ProviderHandle } from "./harness";

export function defineCoreContract(getTarget: () => ContractTarget, options: ContractOptions): void {
  const { timeoutMs, visibilityTimeoutMs } = options;

  const launchRequest = (handle: ProviderHandle, overrides: Partial<LaunchRequest> = {}) => buildLaunchRequest(getTarget(), handle, overrides);

  async function launch(handle: ProviderHandle, request: LaunchRequest) {
    const result = await handle.provider.launch(request);
    getTarget().track(result.instances.map((instance) => instance.id));
    return result;
  }

  it("launches with tags applied on create, in one RunInstances and no CreateTags", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider();
    const request = await launchRequest(handle, { count: 2, userData: "#!/bin/sh\necho hangar" });
    const result = await launch(handle, request);
    expect(result.instances).toHaveLength(2);
    for (const instance of result.instances) expect(instance.tags).toMatchObject(request.tags);

    const envTag = { [HANGAR_TAGS.environment]: request.tags[HANGAR_TAGS.environment] as string };
    const found = await eventually(async () => {
      const instances = await handle.provider.describeInstances({ tags: envTag });
      return instances.length === 2 ? instances : undefined;
    }, visibilityTimeoutMs);
    expect(found.map((i) => i.id).sort()).toEqual(result.instances.map((i) => i.id).sort());
    expect(found[0]?.clientToken).toBe(request.clientToken);
    expect(await handle.requests("RunInstances")).toBe(1);
    expect(await handle.requests("CreateTags")).toBe(0);
  });

  it("returns the same instances when a launch is repeated with the same ClientToken", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider();
    const request = await launchRequest(handle);
    const first = await launch(handle, request);
    const again = await launch(handle, request);
    expect(again.instances.map((i) => i.id)).toEqual(first.instances.map((i) => i.id));
  });

  it("fails permanently with idempotency_mismatch when a ClientToken is reused with other parameters", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider();
    const request = await launchRequest(handle);
    await launch(handle, request);
    const before = await handle.requests("RunInstances");
    const error = await caught(handle.provider.launch({ ...request, count: 2 }));
    expect(error).toBeInstanceOf(CloudError);
    expect(error).toMatchObject({ kind: "idempotency_mismatch", code: "IdempotentParameterMismatch", retryable: false });
    expect((error as Error).message).toMatch(/ClientToken/);
    expect((await handle.requests("RunInstances")) - before).toBe(1);
  });

  it("describes unknown but well-formed ids as absent instead of failing", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider();
    await expect(handle.provider.describeInstances({ ids: [unknownInstanceId(), unknownInstanceId()] })).resolves.toEqual([]);
    await expect(handle.provider.describeInstances({ ids: [] })).resolves.toEqual([]);
  });

  it("treats validation errors as permanent and sends them exactly once", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider();
    const unknownType = await caught(handle.provider.launch(await launchRequest(handle, { instanceType: "x9z.colossal" })));
    expect(unknownType).toMatchObject({ kind: "validation", retryable: false });
    const zeroCount = await caught(handle.provider.launch(await launchRequest(handle, { count: 0 })));
    expect(zeroCount).toMatchObject({ kind: "validation" });
    expect(await handle.requests("RunInstances")).toBe(2);

    const malformed = await caught(handle.provider.stop(["i-notanid"]));
    expect(malformed).toMatchObject({ kind: "validation", code: "InvalidInstanceID.Malformed" });
    expect(await handle.requests("StopInstances")).toBe(1);
    expect(handle.observer.total().retries).toBe(0);
  });

  it("terminates idempotently: gone and unknown ids are reported terminated", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider();
    const { instances } = await launch(handle, await launchRequest(handle));
    const id = instances[0]?.id as string;
    const unknown = unknownInstanceId();

    const first = await handle.provider.terminate([id]);
    expect(first).toEqual([expect.objectContaining({ id, currentState: expect.stringMatching(/shutting-down|terminated/) })]);
    const again = await handle.provider.terminate([id, unknown]);
    expect(again.find((c) => c.id === id)?.currentState).toMatch(/shutting-down|terminated/);
    expect(again.find((c) => c.id === unknown)).toEqual({ id: unknown, currentState: "terminated" });

    // A malformed id is refused before any call, so it cannot fail other callers' batch.
    expect(await caught(handle.provider.terminate(["bogus"]))).toMatchObject({ kind: "validation" });
  });

  it("coalesces 50 concurrent terminate calls into at most 2 TerminateInstances", { timeout: timeoutMs }, async () => {
    const target = getTarget();
    const handle = await target.provider();
    const { instances } = await launch(handle, await launchRequest(handle, { count: target.batchInstanceCount }));
    const ids = [...instances.map((i) => i.id)];
    while (ids.length < 50) ids.push(unknownInstanceId());

    const results = await Promise.all(ids.map((id) => handle.provider.terminate([id])));
    results.forEach((changes, i) => expect(changes).toEqual([expect.objectContaining({ id: ids[i] })]));
    // One call, plus one more when EC2 rejected the first for the unknown ids in it.
    expect(await handle.requests("TerminateInstances")).toBeLessThanOrEqual(2);
  });

  it("lists instance types with real figures", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider();
    const types = await handle.provider.listInstanceTypes({ types: ["t3.micro", "m7g.large", "g4dn.xlarge", "x9z.colossal"] });
    expect(types.map((t) => t.type)).toEqual(["g4dn.xlarge", "m7g.large", "t3.micro"]);
    expect(types.find((t) => t.type === "t3.micro")).toMatchObject({
      vcpus: 2,
      memoryMiB: 1024,
      architectures: ["x86_64"],
      burstable: true,
      gpus: 0,
    });
    expect(types.find((t) => t.type === "m7g.large")).toMatchObject({
      vcpus: 2,
      memoryMiB: 8192,
      architectures: ["arm64"],
      burstable: false,
    });
    expect(types.find((t) => t.type === "g4dn.xlarge")).toMatchObject({ vcpus: 4, memoryMiB: 16384, gpus: 1 });
  });

  it("lists regions, zones and images", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider();
    const region = handle.provider.region;
    expect(await handle.provider.listRegions()).toContain(region);
    const zones = await handle.provider.listZones();
    expect(zones.length).toBeGreaterThan(0);
    for (const zone of zones) expect(zone.name.startsWith(region)).toBe(true);
    const images = await handle.provider.listImages({ owners: ["amazon"], namePattern: "al2023-ami-2023*-x86_64", architecture: "x86_64" });
    expect(images.length).toBeGreaterThan(0);
    expect(images[0]?.id).toMatch(/^ami-/);
    expect(images.every((image) => image.architecture === "x86_64")).toBe(true);
  });

  it("tests the connection: ok with good credentials, a clear AuthFailure with a wrong secret", { timeout: timeoutMs }, async () => {
    const good = await (await getTarget().provider()).provider.testConnection();
    expect(good).toMatchObject({ ok: true });
    expect(good.latencyMs).toBeGreaterThanOrEqual(0);

    const bad = await (await getTarget().providerWithWrongSecret()).provider.testConnection();
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/rejected the credentials/);
    expect(bad.message).toContain("AuthFailure");
  });
}
