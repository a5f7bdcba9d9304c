// Elastic IP XML in EC2's element names (checked against the SDK's schemas: `addressesSet`,
// `allocationId`, `associationId`, `networkInterfaceOwnerId`, `publicIpv4Pool`, ...).
import type { AddressRecord } from "../engine/addresses";
import type { Partition } from "../engine/partition";
import { el } from "../protocol/xml";
import { tagSetXml } from "./network-xml";

/** The fields AllocateAddress answers with (also the start of a DescribeAddresses item). */
export function allocatedXml(address: AddressRecord, partition: Partition): string {
  return (
    el("publicIp", address.publicIp) +
    el("domain", "vpc") +
    el("allocationId", address.allocationId) +
    el("publicIpv4Pool", "amazon") +
    el("networkBorderGroup", partition.region.name)
  );
}

export function addressXml(address: AddressRecord, partition: Partition): string {
  const instance = address.instanceId === null ? undefined : partition.byId.get(address.instanceId);
  return (
    el("publicIp", address.publicIp) +
    el("allocationId", address.allocationId) +
    el("domain", "vpc") +
    el("instanceId", address.instanceId) +
    el("associationId", address.associationId) +
    el("networkInterfaceId", instance?.networkInterfaceId) +
    el("networkInterfaceOwnerId", instance === undefined ? undefined : partition.ownerId) +
    el("privateIpAddress", instance?.privateIp) +
    tagSetXml(address.tags) +
    el("publicIpv4Pool", "amazon") +
    el("networkBorderGroup", partition.region.name)
  );
}
