import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  CreateTagsCommand,
  DescribeAddressesCommand,
  DescribeInstancesCommand,
  DisassociateAddressCommand,
  ReleaseAddressCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { admin, al2023, ec2, expectEc2Error, manualClock, start } from "./helpers";

let sandbox: Sandbox;
let client: EC2Client;
let image: string;
const { now, advance } = manualClock();

beforeAll(async () => {
  sandbox = await start({ clock: now });
  client = ec2(sandbox, { accessKeyId: "AKIAELASTICIPS000" });
  image = await al2023(client);
});
afterAll(() => sandbox.close());

async function runningInstance(publicIp = true): Promise<string> {
  const run = await client.send(
    new RunInstancesCommand({
      ImageId: image,
      InstanceType: "t3.micro",
      MinCount: 1,
      MaxCount: 1,
      NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: publicIp }],
    }),
  );
  advance(200);
  return run.Instances?.[0]?.InstanceId ?? "";
}

async function publicIpOf(id: string): Promise<string | undefined> {
  const out = await client.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return out.Reservations?.[0]?.Instances?.[0]?.PublicIpAddress;
}

async function allocate(tags: Record<string, string> = {}) {
  const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  const out = await client.send(
    new AllocateAddressCommand({
      Domain: "vpc",
      ...(Tags.length > 0 ? { TagSpecifications: [{ ResourceType: "elastic-ip", Tags }] } : {}),
    }),
  );
  return { allocationId: out.AllocationId ?? "", publicIp: out.PublicIp ?? "" };
}

describe("Elastic IPs", () => {
  it("allocates from the public pool with tags, and describes by id, address and filters", async () => {
    const a = await allocate({ service: "web", stage: "prod" });
    const b = await allocate({ service: "api" });
    expect(a.allocationId).toMatch(/^eipalloc-0[0-9a-f]{16}$/);
    expect(a.publicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(a.publicIp).not.toBe(b.publicIp);

    const byId = await client.send(new DescribeAddressesCommand({ AllocationIds: [a.allocationId] }));
    expect(byId.Addresses).toEqual([
      expect.objectContaining({
        AllocationId: a.allocationId,
        PublicIp: a.publicIp,
        Domain: "vpc",
        PublicIpv4Pool: "amazon",
        NetworkBorderGroup: "us-east-1",
        Tags: expect.arrayContaining([{ Key: "service", Value: "web" }]),
      }),
    ]);
    expect(byId.Addresses?.[0]?.AssociationId).toBeUndefined();
    const byIp = await client.send(new DescribeAddressesCommand({ PublicIps: [b.publicIp] }));
    expect(byIp.Addresses?.map((x) => x.AllocationId)).toEqual([b.allocationId]);
    const byTag = await client.send(new DescribeAddressesCommand({ Filters: [{ Name: "tag:service", Values: ["web"] }] }));
    expect(byTag.Addresses?.map((x) => x.AllocationId)).toEqual([a.allocationId]);
    const byKey = await client.send(new DescribeAddressesCommand({ Filters: [{ Name: "tag-key", Values: ["stage"] }] }));
    expect(byKey.Addresses?.map((x) => x.AllocationId)).toEqual([a.allocationId]);
    const byAllocFilter = await client.send(
      new DescribeAddressesCommand({ Filters: [{ Name: "allocation-id", Values: [b.allocationId] }] }),
    );
    expect(byAllocFilter.Addresses?.map((x) => x.AllocationId)).toEqual([b.allocationId]);

    await client.send(new CreateTagsCommand({ Resources: [b.allocationId], Tags: [{ Key: "stage", Value: "dev" }] }));
    const tagged = await client.send(new DescribeAddressesCommand({ Filters: [{ Name: "tag:stage", Values: ["dev"] }] }));
    expect(tagged.Addresses?.map((x) => x.AllocationId)).toEqual([b.allocationId]);

    await expectEc2Error(
      client.send(new DescribeAddressesCommand({ AllocationIds: ["eipalloc-0123456789abcdef0"] })),
      "InvalidAllocationID.NotFound",
      400,
    );
    await expectEc2Error(
      client.send(new DescribeAddressesCommand({ Filters: [{ Name: "nope", Values: ["x"] }] })),
      "InvalidParameterValue",
      400,
    );
    await expectEc2Error(client.send(new AllocateAddressCommand({ Domain: "standard" })), "InvalidParameterValue", 400);
    await expectEc2Error(
      client.send(
        new AllocateAddressCommand({ TagSpecifications: [{ ResourceType: "instance", Tags: [{ Key: "k", Value: "v" }] }] }),
      ),
      "InvalidParameterValue",
      400,
    );
    await expectEc2Error(client.send(new AllocateAddressCommand({ DryRun: true })), "DryRunOperation", 412);
  });

  it("associates with an instance, which then shows it; disassociating gives the instance its own address back", async () => {
    const id = await runningInstance();
    const own = await publicIpOf(id);
    expect(own).toBeDefined();
    const eip = await allocate();
    const assoc = await client.send(new AssociateAddressCommand({ AllocationId: eip.allocationId, InstanceId: id }));
    expect(assoc.AssociationId).toMatch(/^eipassoc-0[0-9a-f]{16}$/);
    expect(await publicIpOf(id)).toBe(eip.publicIp);

    const described = await client.send(new DescribeAddressesCommand({ Filters: [{ Name: "instance-id", Values: [id] }] }));
    expect(described.Addresses).toEqual([
      expect.objectContaining({ AllocationId: eip.allocationId, InstanceId: id, AssociationId: assoc.AssociationId }),
    ]);
    expect(described.Addresses?.[0]?.PrivateIpAddress).toMatch(/^172\.31\./);
    const byAssoc = await client.send(
      new DescribeAddressesCommand({ Filters: [{ Name: "association-id", Values: [assoc.AssociationId ?? ""] }] }),
    );
    expect(byAssoc.Addresses?.map((x) => x.AllocationId)).toEqual([eip.allocationId]);
    const byIp = await client.send(new DescribeInstancesCommand({ Filters: [{ Name: "ip-address", Values: [eip.publicIp] }] }));
    expect(byIp.Reservations?.[0]?.Instances?.[0]?.InstanceId).toBe(id);

    // Associating again with the same instance is a no-op that returns the same association.
    const again = await client.send(new AssociateAddressCommand({ AllocationId: eip.allocationId, InstanceId: id }));
    expect(again.AssociationId).toBe(assoc.AssociationId);

    await expectEc2Error(
      client.send(new ReleaseAddressCommand({ AllocationId: eip.allocationId })),
      "InvalidIPAddress.InUse",
      400,
    );
    await client.send(new DisassociateAddressCommand({ AssociationId: assoc.AssociationId }));
    const back = await publicIpOf(id);
    expect(back).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(back).not.toBe(eip.publicIp);
    const free = await client.send(new DescribeAddressesCommand({ AllocationIds: [eip.allocationId] }));
    expect(free.Addresses?.[0]?.InstanceId).toBeUndefined();
    await expectEc2Error(
      client.send(new DisassociateAddressCommand({ AssociationId: assoc.AssociationId })),
      "InvalidAssociationID.NotFound",
      400,
    );

    // An instance launched without a public address has none again after the EIP leaves.
    const privateOnly = await runningInstance(false);
    expect(await publicIpOf(privateOnly)).toBeUndefined();
    const second = await client.send(new AssociateAddressCommand({ AllocationId: eip.allocationId, InstanceId: privateOnly }));
    expect(await publicIpOf(privateOnly)).toBe(eip.publicIp);
    await client.send(new DisassociateAddressCommand({ AssociationId: second.AssociationId }));
    expect(await publicIpOf(privateOnly)).toBeUndefined();

    await client.send(new ReleaseAddressCommand({ AllocationId: eip.allocationId }));
    await expectEc2Error(
      client.send(new ReleaseAddressCommand({ AllocationId: eip.allocationId })),
      "InvalidAllocationID.NotFound",
      400,
    );
  });

  it("moves an address only with AllowReassociation, and keeps it across a stop", async () => {
    const blue = await runningInstance();
    const green = await runningInstance();
    const eip = await allocate();
    const first = await client.send(new AssociateAddressCommand({ AllocationId: eip.allocationId, InstanceId: blue }));
    const refused = await expectEc2Error(
      client.send(new AssociateAddressCommand({ AllocationId: eip.allocationId, InstanceId: green })),
      "Resource.AlreadyAssociated",
      400,
    );
    expect(refused.message).toContain(first.AssociationId ?? "");
    expect(await publicIpOf(blue)).toBe(eip.publicIp);

    const moved = await client.send(
      new AssociateAddressCommand({ AllocationId: eip.allocationId, InstanceId: green, AllowReassociation: true }),
    );
    expect(moved.AssociationId).not.toBe(first.AssociationId);
    expect(await publicIpOf(green)).toBe(eip.publicIp);
    expect(await publicIpOf(blue)).not.toBe(eip.publicIp);
    expect(await publicIpOf(blue)).toBeDefined();

    await client.send(new StopInstancesCommand({ InstanceIds: [green] }));
    advance(200);
    expect(await publicIpOf(green)).toBe(eip.publicIp);
    await client.send(new StartInstancesCommand({ InstanceIds: [green] }));
    advance(200);
    expect(await publicIpOf(green)).toBe(eip.publicIp);
  });

  it("refuses instances that are pending or terminated, and terminating one disassociates its address", async () => {
    const eip = await allocate();
    const run = await client.send(new RunInstancesCommand({ ImageId: image, InstanceType: "t3.micro", MinCount: 1, MaxCount: 1 }));
    const pendingId = run.Instances?.[0]?.InstanceId ?? "";
    await expectEc2Error(
      client.send(new AssociateAddressCommand({ AllocationId: eip.allocationId, InstanceId: pendingId })),
      "IncorrectInstanceState",
      400,
    );
    advance(200);
    await client.send(new AssociateAddressCommand({ AllocationId: eip.allocationId, InstanceId: pendingId }));
    await client.send(new TerminateInstancesCommand({ InstanceIds: [pendingId] }));
    const after = await client.send(new DescribeAddressesCommand({ AllocationIds: [eip.allocationId] }));
    expect(after.Addresses?.[0]).toMatchObject({ AllocationId: eip.allocationId, PublicIp: eip.publicIp });
    expect(after.Addresses?.[0]?.AssociationId).toBeUndefined();
    expect(after.Addresses?.[0]?.InstanceId).toBeUndefined();
    advance(200);
    await expectEc2Error(
      client.send(new AssociateAddressCommand({ AllocationId: eip.allocationId, InstanceId: pendingId })),
      "IncorrectInstanceState",
      400,
    );
    await expectEc2Error(
      client.send(new AssociateAddressCommand({ AllocationId: "eipalloc-0123456789abcdef0", InstanceId: pendingId })),
      "InvalidAllocationID.NotFound",
      400,
    );
    await expectEc2Error(
      client.send(new AssociateAddressCommand({ AllocationId: eip.allocationId, InstanceId: "i-0123456789abcdef0" })),
      "InvalidInstanceID.NotFound",
      400,
    );
    await client.send(new ReleaseAddressCommand({ AllocationId: eip.allocationId }));
  });

  it("keeps addresses apart per account", async () => {
    const eip = await allocate();
    const other = ec2(sandbox, { accessKeyId: "AKIAELASTICOTHER0" });
    await expectEc2Error(
      other.send(new DescribeAddressesCommand({ AllocationIds: [eip.allocationId] })),
      "InvalidAllocationID.NotFound",
      400,
    );
    expect((await other.send(new DescribeAddressesCommand({}))).Addresses).toEqual([]);
  });

  it("draws allocate/associate/disassociate/release from the mutating bucket and DescribeAddresses from the non-mutating one", async () => {
    const limited = ec2(sandbox, { accessKeyId: "AKIAELASTICLIMIT0" });
    await admin(sandbox, "config", {
      method: "PUT",
      body: { limits: { mutating: { burst: 2, refillPerSecond: 0.001 }, nonMutating: { burst: 3, refillPerSecond: 0.001 } } },
    });
    try {
      const eip = await limited.send(new AllocateAddressCommand({ Domain: "vpc" }));
      await limited.send(new ReleaseAddressCommand({ AllocationId: eip.AllocationId }));
      await expectEc2Error(limited.send(new AllocateAddressCommand({ Domain: "vpc" })), "RequestLimitExceeded", 503);
      await expectEc2Error(
        limited.send(new AssociateAddressCommand({ AllocationId: eip.AllocationId, InstanceId: "i-0123456789abcdef0" })),
        "RequestLimitExceeded",
        503,
      );
      await expectEc2Error(
        limited.send(new DisassociateAddressCommand({ AssociationId: "eipassoc-0123456789abcdef0" })),
        "RequestLimitExceeded",
        503,
      );
      for (let i = 0; i < 3; i++) await limited.send(new DescribeAddressesCommand({}));
      await expectEc2Error(limited.send(new DescribeAddressesCommand({})), "RequestLimitExceeded", 503);
    } finally {
      await admin(sandbox, "config", { method: "PUT", body: { limits: "off" } });
    }
  });
});
