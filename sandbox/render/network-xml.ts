// VPC, subnet, security group and key pair XML in EC2's element names (checked against the
// SDK's schemas: `vpcSet`, `subnetSet`, `securityGroupInfo`, `keySet`, `ipPermissionsEgress`, ...).
import { formatCidr } from "../engine/cidr";
import type { IpAllocator } from "../engine/ip-allocator";
import type { IpRule, KeyPairRecord, SecurityGroupRecord, SubnetRecord, VpcRecord } from "../engine/network";
import type { Partition } from "../engine/partition";
import { derivedHex } from "../engine/network";
import { el, isoTime, itemSet, node } from "../protocol/xml";

export function tagSetXml(tags: ReadonlyMap<string, string>): string {
  return tags.size === 0 ? "" : itemSet("tagSet", [...tags], ([k, v]) => el("key", k) + el("value", v));
}

const arn = (partition: Partition, kind: string, id: string): string =>
  `arn:aws:ec2:${partition.region.name}:${partition.ownerId}:${kind}/${id}`;

export function vpcXml(vpc: VpcRecord, partition: Partition): string {
  const cidr = formatCidr(vpc.cidr);
  return (
    el("vpcId", vpc.id) +
    el("ownerId", partition.ownerId) +
    el("state", "available") +
    el("cidrBlock", cidr) +
    itemSet(
      "cidrBlockAssociationSet",
      [cidr],
      (block) =>
        el("cidrBlock", block) +
        el("associationId", `vpc-cidr-assoc-0${derivedHex(16, vpc.id, block)}`) +
        node("cidrBlockState", el("state", "associated")),
    ) +
    el("dhcpOptionsId", vpc.dhcpOptionsId) +
    tagSetXml(vpc.tags) +
    el("instanceTenancy", "default") +
    el("isDefault", vpc.isDefault)
  );
}

export function subnetXml(subnet: SubnetRecord, partition: Partition, ips: IpAllocator): string {
  return (
    el("subnetId", subnet.id) +
    el("subnetArn", arn(partition, "subnet", subnet.id)) +
    el("state", "available") +
    el("ownerId", partition.ownerId) +
    el("vpcId", subnet.vpcId) +
    el("cidrBlock", formatCidr(subnet.cidr)) +
    node("ipv6CidrBlockAssociationSet", "") +
    el("availableIpAddressCount", ips.available(subnet)) +
    el("availabilityZone", subnet.zone.name) +
    el("availabilityZoneId", subnet.zone.id) +
    el("defaultForAz", subnet.defaultForAz) +
    el("mapPublicIpOnLaunch", subnet.mapPublicIpOnLaunch) +
    el("mapCustomerOwnedIpOnLaunch", false) +
    el("assignIpv6AddressOnCreation", false) +
    el("enableDns64", false) +
    el("ipv6Native", false) +
    node(
      "privateDnsNameOptionsOnLaunch",
      el("hostnameType", "ip-name") + el("enableResourceNameDnsARecord", false) + el("enableResourceNameDnsAAAARecord", false),
    ) +
    tagSetXml(subnet.tags)
  );
}

function ruleXml(rule: IpRule, ownerId: string): string {
  return (
    el("ipProtocol", rule.protocol) +
    el("fromPort", rule.fromPort) +
    el("toPort", rule.toPort) +
    itemSet("groups", rule.groupIds, (id) => el("userId", ownerId) + el("groupId", id)) +
    itemSet("ipRanges", rule.cidrs, (cidr) => el("cidrIp", cidr)) +
    node("ipv6Ranges", "") +
    node("prefixListIds", "")
  );
}

export function securityGroupXml(group: SecurityGroupRecord, partition: Partition): string {
  const owner = partition.ownerId;
  return (
    el("ownerId", owner) +
    el("groupId", group.id) +
    el("groupName", group.name) +
    el("groupDescription", group.description) +
    el("vpcId", group.vpcId) +
    el("securityGroupArn", arn(partition, "security-group", group.id)) +
    itemSet("ipPermissions", group.ingress, (rule) => ruleXml(rule, owner)) +
    itemSet("ipPermissionsEgress", group.egress, (rule) => ruleXml(rule, owner)) +
    tagSetXml(group.tags)
  );
}

export function keyPairXml(key: KeyPairRecord): string {
  return (
    el("keyPairId", key.id) +
    el("keyType", key.type) +
    tagSetXml(key.tags) +
    el("createTime", isoTime(key.createdAt)) +
    el("keyName", key.name) +
    el("keyFingerprint", key.fingerprint)
  );
}
