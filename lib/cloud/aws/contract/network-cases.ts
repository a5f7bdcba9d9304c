// Contract cases for the network queries and the public-IP choice at launch. The first set runs
// against every target (real AWS included: it only asserts what holds in any account); the
// second needs the sandbox, whose network is known in advance and can be added to.
import { expect, it } from "vitest";
import { CloudError } from "../../errors";
import type { CloudInstance, LaunchRequest } from "../../provider";
import { caught, eventually, launchRequest as buildLaunchRequest, type ContractOptions, type ContractTarget, type ProviderHandle } from "./harness";

async function launchAndSettle(target: ContractTarget, handle: ProviderHandle, request: LaunchRequest, timeoutMs: number): Promise<CloudInstance> {
  const { instances } = await handle.provider.launch(request);
  target.track(instances.map((i) => i.id));
  const id = instances[0]?.id as string;
  return eventually(async () => {
    const [instance] = await handle.provider.describeInstances({ ids: [id] });
    return instance?.state === "running" ? instance : undefined;
  }, timeoutMs, 500);
}

export function defineNetworkContract(getTarget: () => ContractTarget, options: ContractOptions): void {
  const { timeoutMs } = options;

  it("lists VPCs, their subnets by VPC and zone, and their security groups consistently", { timeout: timeoutMs }, async () => {
    const { provider } = await getTarget().provider();
    const vpcs = await provider.listVpcs();
    for (const vpc of vpcs) expect(vpc).toMatchObject({ id: expect.stringMatching(/^vpc-/), cidr: expect.stringMatching(/\/\d+$/) });
    const subnets = await provider.listSubnets();
    const vpcIds = new Set(vpcs.map((v) => v.id));
    for (const subnet of subnets) {
      expect(vpcIds.has(subnet.vpcId)).toBe(true);
      expect(subnet.zone.startsWith(provider.region)).toBe(true);
    }
    const subnet = subnets[0];
    if (subnet === undefined) return; // an account without any VPC has nothing more to compare
    const inVpc = await provider.listSubnets({ vpcId: subnet.vpcId });
    expect(inVpc.every((s) => s.vpcId === subnet.vpcId)).toBe(true);
    expect(inVpc.map((s) => s.id)).toContain(subnet.id);
    const inZone = await provider.listSubnets({ vpcId: subnet.vpcId, zone: subnet.zone });
    expect(inZone.every((s) => s.zone === subnet.zone && s.vpcId === subnet.vpcId)).toBe(true);
    expect(inZone.map((s) => s.id)).toContain(subnet.id);
    const groups = await provider.listSecurityGroups({ vpcId: subnet.vpcId });
    expect(groups.every((g) => g.vpcId === subnet.vpcId)).toBe(true);
    expect(groups.map((g) => g.name)).toContain("default"); // every VPC has one
  });

  it("lists key pairs", { timeout: timeoutMs }, async () => {
    const keys = await (await getTarget().provider()).provider.listKeyPairs();
    for (const key of keys) expect(key.name.length).toBeGreaterThan(0);
  });

  it("lists the types a zone offers, within what the region offers", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider();
    const { instanceType } = await getTarget().launchBase(handle);
    const inRegion = await handle.provider.listInstanceTypeOfferings();
    expect(inRegion).toContain(instanceType);
    expect(inRegion).toEqual([...new Set(inRegion)].sort());
    const [zone] = await handle.provider.listZones();
    const inZone = await handle.provider.listInstanceTypeOfferings({ zone: zone?.name as string });
    expect(inZone.length).toBeGreaterThan(0);
    const regionSet = new Set(inRegion);
    expect(inZone.every((type) => regionSet.has(type))).toBe(true);
  });

  it("narrows instance types by family, architecture and generation in the query", { timeout: timeoutMs }, async () => {
    const { provider } = await getTarget().provider();
    const types = await provider.listInstanceTypes({ families: ["t3", "m6g"], architecture: "x86_64", currentGeneration: true });
    expect(types.length).toBeGreaterThan(3);
    expect(types.every((t) => t.type.startsWith("t3.") && t.architectures.includes("x86_64") && t.currentGeneration)).toBe(true);
    expect(types.find((t) => t.type === "t3.small")).toMatchObject({ vcpus: 2, memoryMiB: 2048 });
  });

  it("launches without a public IP when the request says so", { timeout: timeoutMs }, async () => {
    const target = getTarget();
    const handle = await target.provider();
    const request = await buildLaunchRequest(target, handle, { associatePublicIp: false });
    const instance = await launchAndSettle(target, handle, request, timeoutMs - 5_000);
    expect(instance.privateIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(instance.publicIp).toBeUndefined();
  });
}

export function defineSandboxNetworkCases(getTarget: () => ContractTarget, options: ContractOptions): void {
  const { timeoutMs } = options;
  const sandbox = () => {
    const controls = getTarget().sandbox;
    if (!controls) throw new Error("these cases need a target with sandbox controls");
    return controls;
  };

  it("reads the default VPC, the private one, the demo key pair, and pages through every offering", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider();
    const { provider } = handle;
    const vpcs = await provider.listVpcs();
    expect(vpcs.map(({ name, cidr, isDefault }) => ({ name, cidr, isDefault }))).toEqual([
      { name: undefined, cidr: "172.31.0.0/16", isDefault: true },
      { name: "hangar-private", cidr: "10.0.0.0/16", isDefault: false },
    ]);
    const privateSubnets = await provider.listSubnets({ vpcId: vpcs[1]?.id as string });
    expect(privateSubnets).toHaveLength(6);
    expect(privateSubnets.every((s) => !s.mapPublicIp && !s.isDefault && s.name?.startsWith("hangar-private-"))).toBe(true);
    const defaults = await provider.listSubnets({ vpcId: vpcs[0]?.id as string, zone: "us-east-1b" });
    expect(defaults).toEqual([expect.objectContaining({ zone: "us-east-1b", isDefault: true, mapPublicIp: true, availableIps: 4091 })]);
    expect((await provider.listKeyPairs()).map((k) => k.name)).toEqual(["hangar-demo"]);

    const before = await handle.requests("DescribeInstanceTypeOfferings");
    const all = await provider.listInstanceTypeOfferings();
    expect(all.length).toBeGreaterThan(1000); // more than one page of 1,000
    expect((await handle.requests("DescribeInstanceTypeOfferings")) - before).toBe(2);
    expect(await provider.listInstanceTypeOfferings({ zone: "us-east-1a" })).toContain("g4dn.xlarge");
    expect(await provider.listInstanceTypeOfferings({ zone: "us-east-1b" })).not.toContain("g4dn.xlarge");
    const narrowed = await provider.listInstanceTypeOfferings({ zone: "us-east-1a", families: ["t3", "g4dn"] });
    expect(narrowed).toContain("g4dn.xlarge");
    expect(narrowed.every((type) => type.startsWith("t3.") || type.startsWith("g4dn."))).toBe(true);
  });

  it("sees VPCs and subnets added through the sandbox admin API", { timeout: timeoutMs }, async () => {
    const handle = await getTarget().provider();
    const vpc = await sandbox().addToNetwork(handle, { kind: "vpc", name: "contract", cidr: "10.77.0.0/16" });
    const subnet = await sandbox().addToNetwork(handle, { kind: "subnet", vpcId: vpc.id, zone: "c", cidr: "10.77.3.0/24", name: "contract-c" });
    expect((await handle.provider.listVpcs()).find((v) => v.id === vpc.id)).toMatchObject({ name: "contract", isDefault: false });
    expect(await handle.provider.listSubnets({ vpcId: vpc.id })).toEqual([
      { id: subnet.id, name: "contract-c", vpcId: vpc.id, cidr: "10.77.3.0/24", zone: "us-east-1c", isDefault: false, mapPublicIp: false, availableIps: 251 },
    ]);
    expect((await handle.provider.listSecurityGroups({ vpcId: vpc.id })).map((g) => g.name)).toEqual(["default"]);
  });

  it("follows the subnet's public IP setting unless the launch overrides it, and refuses unknown key pairs", { timeout: timeoutMs }, async () => {
    const target = getTarget();
    const handle = await target.provider();
    const [subnet] = await handle.provider.listSubnets({ vpcId: (await handle.provider.listVpcs())[1]?.id as string, zone: "us-east-1a" });
    const settle = async (overrides: Partial<LaunchRequest>) =>
      launchAndSettle(target, handle, await buildLaunchRequest(target, handle, { subnetId: subnet?.id as string, ...overrides }), timeoutMs / 3);
    const quiet = await settle({});
    expect(quiet.publicIp).toBeUndefined();
    expect(quiet.availabilityZone).toBe("us-east-1a");
    expect(quiet.privateIp?.startsWith("10.0.")).toBe(true);
    expect((await settle({ associatePublicIp: true })).publicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const error = await caught(handle.provider.launch(await buildLaunchRequest(target, handle, { keyName: "no-such-key" })));
    expect(error).toBeInstanceOf(CloudError);
    expect(error).toMatchObject({ kind: "not_found", code: "InvalidKeyPair.NotFound", retryable: false });
  });
}
