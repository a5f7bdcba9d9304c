// Contract cases for Elastic IPs and instance health, the cloud side of deployments. The address
// cases hold on any target; the health cases need the sandbox, whose instances fail status checks
// or answer HTTP with 500 when their user data says so (sandbox/README.md, "Instance health").
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { CloudError } from "../../errors";
import type { InstanceHealth, LaunchRequest } from "../../provider";
import { caught, eventually, launchRequest, unknownInstanceId, type ContractOptions, type ContractTarget, type ProviderHandle } from "./harness";

/** Launches and waits until every instance is running; returns their ids. */
async function launchRunning(target: ContractTarget, handle: ProviderHandle, overrides: Partial<LaunchRequest>, timeoutMs: number): Promise<string[]> {
  const { instances } = await handle.provider.launch(await launchRequest(target, handle, overrides));
  const ids = instances.map((i) => i.id);
  target.track(ids);
  await eventually(async () => {
    const described = await handle.provider.describeInstances({ ids });
    return described.length === ids.length && described.every((i) => i.state === "running") ? true : undefined;
  }, timeoutMs, 250);
  return ids;
}

/** Waits until no instance's checks are initializing any more; returns the settled statuses by id. */
async function settledHealth(handle: ProviderHandle, ids: string[], timeoutMs: number): Promise<Map<string, InstanceHealth>> {
  return eventually(async () => {
    const health = await handle.provider.describeInstanceStatus(ids);
    const settled = health.length === ids.length && health.every((h) => h.instanceStatus !== "initializing" && h.systemStatus !== "initializing");
    return settled ? new Map(health.map((h) => [h.id, h])) : undefined;
  }, timeoutMs, 250);
}

export function defineAddressContract(getTarget: () => ContractTarget, options: ContractOptions): void {
  const { timeoutMs } = options;

  it("allocates a tagged address, moves it between instances only when allowed, and releases it idempotently", { timeout: timeoutMs }, async () => {
    const target = getTarget();
    const handle = await target.provider();
    const { provider } = handle;
    const [blue = "", green = ""] = await launchRunning(target, handle, { count: 2 }, timeoutMs / 2);
    const tags = { ...target.runTags, "hangar:address": randomUUID() };
    const address = await provider.allocateAddress({ tags });
    try {
      expect(address).toMatchObject({ allocationId: expect.stringMatching(/^eipalloc-/), publicIp: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/), tags });
      expect(await provider.describeAddresses({ tags: { "hangar:address": tags["hangar:address"] } })).toEqual([
        { allocationId: address.allocationId, publicIp: address.publicIp, tags },
      ]);

      const first = await provider.associateAddress({ allocationId: address.allocationId, instanceId: blue });
      expect(first.associationId).toMatch(/^eipassoc-/);
      const [onBlue] = await provider.describeInstances({ ids: [blue] });
      expect(onBlue?.publicIp).toBe(address.publicIp);

      const refused = await caught(provider.associateAddress({ allocationId: address.allocationId, instanceId: green }));
      expect(refused).toBeInstanceOf(CloudError);
      expect(refused).toMatchObject({ kind: "validation", code: "Resource.AlreadyAssociated", retryable: false });

      const moved = await provider.associateAddress({ allocationId: address.allocationId, instanceId: green, allowReassociation: true });
      const [onGreen] = await provider.describeAddresses({ instanceIds: [green] });
      expect(onGreen).toMatchObject({ allocationId: address.allocationId, associationId: moved.associationId, instanceId: green });
      expect(await provider.describeAddresses({ instanceIds: [blue] })).toEqual([]);

      const inUse = await caught(provider.releaseAddress(address.allocationId));
      expect(inUse).toMatchObject({ code: "InvalidIPAddress.InUse" });
      await provider.disassociateAddress(moved.associationId);
      await provider.disassociateAddress(moved.associationId); // already gone: done
      const [free] = await provider.describeAddresses({ allocationIds: [address.allocationId] });
      expect(free?.associationId).toBeUndefined();
    } finally {
      await provider.releaseAddress(address.allocationId);
    }
    await provider.releaseAddress(address.allocationId); // already released: done
    expect(await provider.describeAddresses({ allocationIds: [address.allocationId] })).toEqual([]);
  });
}

export function defineSandboxHealthCases(getTarget: () => ContractTarget, options: ContractOptions): void {
  const { timeoutMs } = options;

  it("reads status checks of many instances in one call, impaired where the release says so, unknown ids absent", { timeout: timeoutMs }, async () => {
    const target = getTarget();
    const handle = await target.provider();
    const healthy = await launchRunning(target, handle, { count: 3 }, timeoutMs / 3);
    const failing = await launchRunning(target, handle, { count: 2, userData: "#!/bin/sh\n# hangar-sandbox: status-checks=fail\n" }, timeoutMs / 3);
    const health = await settledHealth(handle, [...healthy, ...failing], timeoutMs / 3);
    for (const id of healthy) expect(health.get(id)).toEqual({ id, state: "running", systemStatus: "ok", instanceStatus: "ok" });
    for (const id of failing) expect(health.get(id)).toMatchObject({ systemStatus: "ok", instanceStatus: "impaired" });

    const before = await handle.requests("DescribeInstanceStatus");
    await handle.provider.describeInstanceStatus([...healthy, ...failing]);
    expect((await handle.requests("DescribeInstanceStatus")) - before).toBe(1);
    const withUnknown = await handle.provider.describeInstanceStatus([unknownInstanceId(), ...healthy]);
    expect(withUnknown.map((h) => h.id).sort()).toEqual([...healthy].sort());

    await handle.provider.stop(healthy.slice(0, 1));
    const [stopping] = await handle.provider.describeInstanceStatus(healthy.slice(0, 1));
    expect(stopping).toMatchObject({ instanceStatus: "not-applicable" });
    expect(["stopping", "stopped"]).toContain(stopping?.state);
  });

  it("gives a health-check URL that reaches the instance's HTTP, which answers as the release says", { timeout: timeoutMs }, async () => {
    const target = getTarget();
    const handle = await target.provider();
    const [ok = ""] = await launchRunning(target, handle, {}, timeoutMs / 3);
    const [broken = ""] = await launchRunning(target, handle, { userData: "APP_CONFIG='hangar-sandbox: http=500'\n" }, timeoutMs / 3);
    const [okInstance, brokenInstance] = await handle.provider.describeInstances({ ids: [ok, broken] });
    const check = { port: 8080, path: "/healthz" };
    const okUrl = handle.provider.healthCheckUrl(okInstance ?? { id: ok }, check);
    expect(okUrl).toMatch(new RegExp(`/_sandbox/instances/${ok}/http/8080/healthz$`));
    expect((await fetch(okUrl as string)).status).toBe(200);
    const brokenUrl = handle.provider.healthCheckUrl(brokenInstance ?? { id: broken }, check);
    expect((await fetch(brokenUrl as string)).status).toBe(500);

    await handle.provider.terminate([ok]);
    await expect(fetch(okUrl as string)).rejects.toThrow();
  });
}
