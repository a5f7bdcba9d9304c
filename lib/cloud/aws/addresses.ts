// Elastic IPs through EC2: allocate, associate (moving with AllowReassociation), disassociate,
// describe and release. Lookups go through filters rather than AllocationIds, so an id EC2 does
// not know (released meanwhile) is absent instead of failing the whole call; disassociate and
// release treat "already gone" as done, so a deploy step that is retried after a crash converges.
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  DescribeAddressesCommand,
  DisassociateAddressCommand,
  ReleaseAddressCommand,
  type Address,
  type EC2Client,
  type Filter,
} from "@aws-sdk/client-ec2";
import { isCloudError } from "../errors";
import type { AddressQuery, CloudAddress } from "../provider";
import type { Call } from "./call";
import { recordToTags, tagsToRecord } from "./to-cloud-instance";

// EC2 accepts up to 200 values in one filter.
const VALUES_PER_FILTER = 200;

export function toCloudAddress(address: Address): CloudAddress {
  const result: CloudAddress = {
    allocationId: address.AllocationId ?? "",
    publicIp: address.PublicIp ?? "",
    tags: tagsToRecord(address.Tags),
  };
  if (address.AssociationId) result.associationId = address.AssociationId;
  if (address.InstanceId) result.instanceId = address.InstanceId;
  if (address.PrivateIpAddress) result.privateIp = address.PrivateIpAddress;
  return result;
}

function isGone(error: unknown, code: string): boolean {
  return isCloudError(error) && error.code === code;
}

export async function allocateAddress(client: EC2Client, call: Call, request: { tags?: Record<string, string> } = {}): Promise<CloudAddress> {
  const Tags = recordToTags(request.tags ?? {});
  const output = await call("AllocateAddress", () =>
    client.send(
      new AllocateAddressCommand({
        Domain: "vpc",
        ...(Tags.length > 0 ? { TagSpecifications: [{ ResourceType: "elastic-ip", Tags }] } : {}),
      }),
    ),
  );
  if (!output.AllocationId || !output.PublicIp) throw new Error("AllocateAddress returned no allocation id or address");
  return { allocationId: output.AllocationId, publicIp: output.PublicIp, tags: { ...request.tags } };
}

export async function associateAddress(
  client: EC2Client,
  call: Call,
  request: { allocationId: string; instanceId: string; allowReassociation?: boolean },
): Promise<{ associationId: string }> {
  const output = await call("AssociateAddress", () =>
    client.send(
      new AssociateAddressCommand({
        AllocationId: request.allocationId,
        InstanceId: request.instanceId,
        AllowReassociation: request.allowReassociation ?? false,
      }),
    ),
  );
  if (!output.AssociationId) throw new Error("AssociateAddress returned no association id");
  return { associationId: output.AssociationId };
}

export async function disassociateAddress(client: EC2Client, call: Call, associationId: string): Promise<void> {
  try {
    await call("DisassociateAddress", () => client.send(new DisassociateAddressCommand({ AssociationId: associationId })));
  } catch (error) {
    if (!isGone(error, "InvalidAssociationID.NotFound")) throw error;
  }
}

export async function releaseAddress(client: EC2Client, call: Call, allocationId: string): Promise<void> {
  try {
    await call("ReleaseAddress", () => client.send(new ReleaseAddressCommand({ AllocationId: allocationId })));
  } catch (error) {
    if (!isGone(error, "InvalidAllocationID.NotFound")) throw error;
  }
}

/** One filter list per request: ids are split so no filter carries more values than EC2 allows. */
export function addressFilters(query: AddressQuery): Filter[][] {
  const fixed: Filter[] = Object.entries(query.tags ?? {}).map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] }));
  let lists: Filter[][] = [fixed];
  for (const [name, ids] of [
    ["allocation-id", query.allocationIds],
    ["instance-id", query.instanceIds],
  ] as const) {
    if (ids === undefined) continue;
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += VALUES_PER_FILTER) chunks.push(unique.slice(i, i + VALUES_PER_FILTER));
    lists = lists.flatMap((filters) => chunks.map((Values) => [...filters, { Name: name, Values }]));
  }
  return lists;
}

export async function describeAddresses(client: EC2Client, call: Call, query: AddressQuery = {}): Promise<CloudAddress[]> {
  const seen = new Map<string, CloudAddress>();
  for (const Filters of addressFilters(query)) {
    const input = Filters.length > 0 ? { Filters } : {};
    const output = await call("DescribeAddresses", () => client.send(new DescribeAddressesCommand(input)));
    for (const address of output.Addresses ?? []) {
      if (address.AllocationId) seen.set(address.AllocationId, toCloudAddress(address));
    }
  }
  return [...seen.values()];
}
