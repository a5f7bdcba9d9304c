// DescribeAddresses: every Elastic IP of the account+region (EC2 does not paginate it), by
// AllocationId or PublicIp (all must exist) and EC2's filters, tag filters included.
import type { AddressRecord } from "../engine/addresses";
import { errors } from "../protocol/ec2-error";
import type { FieldReader } from "../protocol/filters";
import { itemSet } from "../protocol/xml";
import { addressXml } from "../render/address-xml";
import type { ActionContext } from "./context";
import { listResources } from "./resource-listing";

export function describeAddresses(ctx: ActionContext): string {
  const { partition } = ctx;
  const instanceOf = (a: AddressRecord) => (a.instanceId === null ? undefined : partition.byId.get(a.instanceId));
  const filters: Record<string, FieldReader<AddressRecord>> = {
    "allocation-id": (a) => a.allocationId,
    "association-id": (a) => a.associationId,
    "instance-id": (a) => a.instanceId,
    "public-ip": (a) => a.publicIp,
    domain: () => "vpc",
    "network-interface-id": (a) => instanceOf(a)?.networkInterfaceId,
    "network-interface-owner-id": (a) => (a.instanceId === null ? undefined : partition.ownerId),
    "private-ip-address": (a) => instanceOf(a)?.privateIp,
    "network-border-group": () => partition.region.name,
    "public-ipv4-pool": () => "amazon",
  };
  const page = listResources(ctx, {
    all: [...partition.addresses.values()],
    lookups: [
      { param: "AllocationId", matches: (a, id) => a.allocationId === id, notFound: errors.allocationNotFound },
      { param: "PublicIp", matches: (a, ip) => a.publicIp === ip, notFound: errors.addressNotFound },
    ],
    filters,
    tags: (a) => a.tags,
    paging: undefined,
  });
  return itemSet("addressesSet", page.items, (a) => addressXml(a, partition));
}
