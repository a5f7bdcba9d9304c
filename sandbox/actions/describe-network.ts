// DescribeVpcs, DescribeSubnets, DescribeSecurityGroups and DescribeKeyPairs over the partition's
// network, with EC2's filters, NotFound codes and pages (key pairs are not paginated on EC2).
import { formatCidr } from "../engine/cidr";
import type { KeyPairRecord, SecurityGroupRecord, SubnetRecord, VpcRecord } from "../engine/network";
import { Ec2Error } from "../protocol/ec2-error";
import type { FieldReader } from "../protocol/filters";
import { el, itemSet } from "../protocol/xml";
import { keyPairXml, securityGroupXml, subnetXml, vpcXml } from "../render/network-xml";
import type { ActionContext } from "./context";
import { listResources } from "./resource-listing";

const notFound = (code: string, what: string) => (missing: string[]) =>
  new Ec2Error(
    code,
    missing.length === 1 ? `The ${what} '${missing[0]}' does not exist` : `The ${what}s '${missing.join(", ")}' do not exist`,
  );

const byTags = (item: { tags: ReadonlyMap<string, string> }) => item.tags;

export function describeVpcs(ctx: ActionContext): string {
  const { network } = ctx.partition;
  const owner = ctx.partition.ownerId;
  const filters: Record<string, FieldReader<VpcRecord>> = {
    "vpc-id": (v) => v.id,
    "is-default": (v) => String(v.isDefault),
    cidr: (v) => formatCidr(v.cidr),
    "cidr-block-association.cidr-block": (v) => formatCidr(v.cidr),
    "cidr-block-association.state": () => "associated",
    "dhcp-options-id": (v) => v.dhcpOptionsId,
    "owner-id": () => owner,
    state: () => "available",
  };
  const page = listResources(ctx, {
    all: [...network.vpcs.values()],
    lookups: [{ param: "VpcId", matches: (v, id) => v.id === id, notFound: notFound("InvalidVpcID.NotFound", "vpc ID") }],
    filters,
    tags: byTags,
    paging: { kind: "DescribeVpcs", min: 5, max: 1000 },
  });
  return itemSet("vpcSet", page.items, (v) => vpcXml(v, ctx.partition)) + el("nextToken", page.nextToken);
}

export function describeSubnets(ctx: ActionContext): string {
  const { network, ips } = ctx.partition;
  const owner = ctx.partition.ownerId;
  const cidr = (s: SubnetRecord) => formatCidr(s.cidr);
  const filters: Record<string, FieldReader<SubnetRecord>> = {
    "subnet-id": (s) => s.id,
    "vpc-id": (s) => s.vpcId,
    "availability-zone": (s) => s.zone.name,
    availabilityZone: (s) => s.zone.name,
    "availability-zone-id": (s) => s.zone.id,
    availabilityZoneId: (s) => s.zone.id,
    "default-for-az": (s) => String(s.defaultForAz),
    defaultForAz: (s) => String(s.defaultForAz),
    "map-public-ip-on-launch": (s) => String(s.mapPublicIpOnLaunch),
    "cidr-block": cidr,
    cidr,
    cidrBlock: cidr,
    "available-ip-address-count": (s) => String(ips.available(s)),
    "owner-id": () => owner,
    state: () => "available",
  };
  const page = listResources(ctx, {
    all: [...network.subnets.values()],
    lookups: [{ param: "SubnetId", matches: (s, id) => s.id === id, notFound: notFound("InvalidSubnetID.NotFound", "subnet ID") }],
    filters,
    tags: byTags,
    paging: { kind: "DescribeSubnets", min: 5, max: 1000 },
  });
  return itemSet("subnetSet", page.items, (s) => subnetXml(s, ctx.partition, ips)) + el("nextToken", page.nextToken);
}

export function describeSecurityGroups(ctx: ActionContext): string {
  const { network } = ctx.partition;
  const owner = ctx.partition.ownerId;
  const filters: Record<string, FieldReader<SecurityGroupRecord>> = {
    "group-id": (g) => g.id,
    "group-name": (g) => g.name,
    "vpc-id": (g) => g.vpcId,
    description: (g) => g.description,
    "owner-id": () => owner,
    "ip-permission.cidr": (g) => g.ingress.flatMap((r) => r.cidrs),
    "ip-permission.from-port": (g) => g.ingress.flatMap((r) => (r.fromPort === undefined ? [] : [String(r.fromPort)])),
    "ip-permission.protocol": (g) => g.ingress.map((r) => r.protocol),
  };
  const defaultVpcId = network.defaultVpcId;
  const page = listResources(ctx, {
    all: [...network.groups.values()],
    lookups: [
      { param: "GroupId", matches: (g, id) => g.id === id, notFound: notFound("InvalidGroup.NotFound", "security group") },
      {
        // Names only address groups of the default VPC; other VPCs' groups need ids.
        param: "GroupName",
        matches: (g, name) => g.vpcId === defaultVpcId && g.name === name,
        notFound: (missing) =>
          new Ec2Error("InvalidGroup.NotFound", `The security group '${missing[0]}' does not exist in default VPC '${defaultVpcId}'`),
      },
    ],
    filters,
    tags: byTags,
    paging: { kind: "DescribeSecurityGroups", min: 5, max: 1000 },
  });
  return itemSet("securityGroupInfo", page.items, (g) => securityGroupXml(g, ctx.partition)) + el("nextToken", page.nextToken);
}

export function describeKeyPairs(ctx: ActionContext): string {
  ctx.params.bool("IncludePublicKey"); // accepted; the sandbox keeps no key material to include
  const filters: Record<string, FieldReader<KeyPairRecord>> = {
    "key-name": (k) => k.name,
    "key-pair-id": (k) => k.id,
    fingerprint: (k) => k.fingerprint,
    "key-type": (k) => k.type,
  };
  const page = listResources(ctx, {
    all: [...ctx.partition.network.keyPairs.values()],
    lookups: [
      { param: "KeyName", matches: (k, name) => k.name === name, notFound: notFound("InvalidKeyPair.NotFound", "key pair") },
      { param: "KeyPairId", matches: (k, id) => k.id === id, notFound: notFound("InvalidKeyPair.NotFound", "key pair") },
    ],
    filters,
    tags: byTags,
    paging: undefined,
  });
  return itemSet("keySet", page.items, keyPairXml);
}
