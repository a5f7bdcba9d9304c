// Where a RunInstances request puts its instances: zone, subnet, security groups, key pair and
// whether they get a public address. Two ways to say it, as on EC2: top-level SubnetId /
// SecurityGroupId.N / SecurityGroup.N, or a primary network interface (NetworkInterface.1 with
// DeviceIndex 0, SubnetId, SecurityGroupId.N, AssociatePublicIpAddress), never both. Errors use
// EC2's codes and wording, in the order EC2 reports them.
import type { InstanceTypeInfo } from "../catalog/instance-types";
import { zonesOffering } from "../catalog/offerings";
import { findZone, type Zone } from "../catalog/regions";
import type { Network, SubnetRecord } from "../engine/network";
import { Ec2Error, errors } from "../protocol/ec2-error";
import type { QueryParams } from "../protocol/query-params";
import type { ActionContext } from "./context";

export interface LaunchNetwork {
  /** Zone fixed by Placement or by the subnet; undefined lets the sandbox choose, as EC2 does. */
  zone: Zone | undefined;
  /** The subnet the request names; undefined means the default subnet of the chosen zone. */
  subnet: SubnetRecord | undefined;
  securityGroupIds: string[];
  /** AssociatePublicIpAddress of the primary interface; undefined lets the subnet decide. */
  associatePublicIp: boolean | undefined;
  keyName: string | null;
}

const SUBNET_ID_RE = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
const GROUP_ID_RE = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;

interface Requested {
  subnetId: string | undefined;
  groupIds: string[];
  groupNames: string[];
  associatePublicIp: boolean | undefined;
}

/** Reads the primary network interface, or the instance-level fields when there is none. */
function readInterface(params: QueryParams): Requested {
  const instanceLevel = {
    subnetId: params.string("SubnetId") || undefined,
    groupIds: params.list("SecurityGroupId"),
    groupNames: params.list("SecurityGroup"),
  };
  const interfaces = params.structs("NetworkInterface");
  const primary = interfaces[0];
  if (primary === undefined) return { ...instanceLevel, associatePublicIp: undefined };
  if (instanceLevel.subnetId !== undefined) {
    throw errors.combination("Network interfaces and an instance-level subnet ID may not be specified on the same request");
  }
  if (instanceLevel.groupIds.length > 0 || instanceLevel.groupNames.length > 0) {
    throw errors.combination("Network interfaces and an instance-level security groups may not be specified on the same request");
  }
  if (interfaces.length > 1) throw new Ec2Error("UnsupportedOperation", "The sandbox launches instances with one network interface.");
  if (primary.has("NetworkInterfaceId")) {
    throw new Ec2Error("UnsupportedOperation", "The sandbox cannot attach an existing network interface.");
  }
  const deviceIndex = primary.int("DeviceIndex");
  if (deviceIndex === undefined) throw errors.invalidValue("Each network interface requires a device index.");
  if (deviceIndex !== 0) throw errors.invalidValue("When specifying network interfaces, you must include a device at index 0.");
  return {
    subnetId: primary.string("SubnetId") || undefined,
    groupIds: primary.list("SecurityGroupId"),
    groupNames: [],
    associatePublicIp: primary.has("AssociatePublicIpAddress") ? primary.bool("AssociatePublicIpAddress") : undefined,
  };
}

function findSubnet(network: Network, subnetId: string | undefined): SubnetRecord | undefined {
  if (subnetId === undefined) return undefined;
  if (!SUBNET_ID_RE.test(subnetId)) {
    throw new Ec2Error("InvalidSubnetID.Malformed", `Invalid id: "${subnetId}" (expecting "subnet-...")`);
  }
  const subnet = network.subnets.get(subnetId);
  if (subnet === undefined) throw new Ec2Error("InvalidSubnetID.NotFound", `The subnet ID '${subnetId}' does not exist`);
  return subnet;
}

function resolveGroups(ctx: ActionContext, requested: Requested, subnet: SubnetRecord | undefined, zone: Zone | undefined): string[] {
  const { network } = ctx.partition;
  const vpcId = subnet?.vpcId ?? network.defaultVpcId;
  const ids: string[] = [];
  if (requested.groupNames.length > 0 && vpcId !== network.defaultVpcId) {
    throw errors.combination("The parameter groupName cannot be used with the parameter subnet");
  }
  // Group names only name groups of the default VPC (EC2-Classic semantics kept for it).
  for (const name of requested.groupNames) {
    const group = network.groupByName(network.defaultVpcId, name);
    if (group === undefined) {
      throw new Ec2Error("InvalidGroup.NotFound", `The security group '${name}' does not exist in default VPC '${network.defaultVpcId}'`);
    }
    ids.push(group.id);
  }
  for (const id of requested.groupIds) {
    if (!GROUP_ID_RE.test(id)) throw new Ec2Error("InvalidGroupId.Malformed", `Invalid id: "${id}" (expecting "sg-...")`);
  }
  for (const id of requested.groupIds) {
    const group = network.groups.get(id);
    if (group === undefined) throw new Ec2Error("InvalidGroup.NotFound", `The security group '${id}' does not exist in VPC '${vpcId}'`);
    if (group.vpcId !== vpcId) {
      // Without a subnet the launch goes to a default subnet, which is what EC2 names here.
      const subnetId = subnet?.id ?? network.defaultSubnet(zone ?? (ctx.region.zones[0] as Zone)).id;
      throw new Ec2Error("InvalidParameter", `Security group ${id} and subnet ${subnetId} belong to different networks.`);
    }
    ids.push(id);
  }
  return ids.length > 0 ? [...new Set(ids)] : [network.defaultGroup(vpcId).id];
}

/** EC2's answer when a zone does not offer the type: it names the zones that do. */
export function unsupportedInZone(type: string, zone: string, others: readonly Zone[]): Ec2Error {
  return new Ec2Error(
    "Unsupported",
    `Your requested instance type (${type}) is not supported in your requested Availability Zone (${zone}). ` +
      `Please retry your request by not specifying an Availability Zone or choosing ${others.map((z) => z.name).join(", ")}.`,
  );
}

export function readLaunchNetwork(ctx: ActionContext, type: InstanceTypeInfo): LaunchNetwork {
  const { params, partition } = ctx;
  const zoneName = params.sub("Placement").string("AvailabilityZone");
  let zone: Zone | undefined;
  if (zoneName !== undefined && zoneName !== "") {
    zone = findZone(ctx.region.name, zoneName);
    if (zone === undefined) throw errors.badZone(zoneName);
  }
  const requested = readInterface(params);
  const subnet = findSubnet(partition.network, requested.subnetId);
  if (subnet !== undefined && zone !== undefined && subnet.zone.name !== zone.name) {
    throw errors.invalidValue(
      `Value (${zone.name}) for parameter availabilityZone is invalid. Subnet '${subnet.id}' is in the availability zone ${subnet.zone.name}`,
    );
  }
  const placed = subnet?.zone ?? zone;
  const securityGroupIds = resolveGroups(ctx, requested, subnet, placed);
  const keyName = params.string("KeyName") || null;
  if (keyName !== null && !partition.network.keyPairs.has(keyName)) {
    throw new Ec2Error("InvalidKeyPair.NotFound", `The key pair '${keyName}' does not exist`);
  }
  const offered = zonesOffering(ctx.region, type.name);
  if (placed !== undefined && !offered.some((z) => z.name === placed.name)) throw unsupportedInZone(type.name, placed.name, offered);
  return { zone: placed, subnet, securityGroupIds, associatePublicIp: requested.associatePublicIp, keyName };
}
