// The VPCs, subnets, security groups and key pairs one account sees in one region. The defaults
// (network-defaults.ts fills a new Network) are derived from account + region at every start, so
// their ids never change; resources added through the admin API are kept as the list of requests that created
// them and replayed from a snapshot, and their ids are derived from those requests too.
import { createHash } from "node:crypto";
import type { Region, Zone } from "../catalog/regions";
import { cidrContains, cidrsOverlap, parseCidr, type Cidr } from "./cidr";

export interface VpcRecord {
  id: string;
  cidr: Cidr;
  isDefault: boolean;
  dhcpOptionsId: string;
  tags: Map<string, string>;
}

export interface SubnetRecord {
  id: string;
  vpcId: string;
  zone: Zone;
  cidr: Cidr;
  defaultForAz: boolean;
  mapPublicIpOnLaunch: boolean;
  tags: Map<string, string>;
}

/** One security group rule: a protocol ("-1" = all), a port range, and its sources/destinations. */
export interface IpRule {
  protocol: string;
  fromPort?: number;
  toPort?: number;
  cidrs: string[];
  groupIds: string[];
}

export interface SecurityGroupRecord {
  id: string;
  name: string;
  description: string;
  vpcId: string;
  ingress: IpRule[];
  egress: IpRule[];
  tags: Map<string, string>;
}

export interface KeyPairRecord {
  id: string;
  name: string;
  type: "rsa" | "ed25519";
  fingerprint: string;
  createdAt: number;
  tags: Map<string, string>;
}

/** What the admin API can add; stored as-is in snapshots and replayed in order. */
export type NetworkRequest =
  | { kind: "vpc"; name: string; cidr: string }
  | { kind: "subnet"; vpcId: string; zone: string; cidr: string; name?: string; mapPublicIpOnLaunch?: boolean }
  | { kind: "securityGroup"; vpcId: string; name: string; description?: string }
  | { kind: "keyPair"; name: string; type?: "rsa" | "ed25519" };

type Created<R extends NetworkRequest> = R extends { kind: "vpc" }
  ? VpcRecord
  : R extends { kind: "subnet" }
    ? SubnetRecord
    : R extends { kind: "securityGroup" }
      ? SecurityGroupRecord
      : KeyPairRecord;

/** A request the network cannot honour; the admin API answers it with 400 or 409. */
export class NetworkInputError extends Error {
  constructor(
    message: string,
    readonly conflict = false,
  ) {
    super(message);
  }
}

export function derivedHex(length: number, ...parts: string[]): string {
  return createHash("sha256").update(parts.join("|")).digest("hex").slice(0, length);
}

// Everything leaves the VPC; members of the group reach each other (EC2's rules for a new group).
export const ALLOW_ALL_OUT: IpRule = { protocol: "-1", cidrs: ["0.0.0.0/0"], groupIds: [] };

const nameTag = (name: string | undefined): Map<string, string> =>
  name === undefined || name === "" ? new Map<string, string>() : new Map([["Name", name]]);

export class Network {
  readonly vpcs = new Map<string, VpcRecord>();
  readonly subnets = new Map<string, SubnetRecord>();
  readonly groups = new Map<string, SecurityGroupRecord>();
  /** By name: key names are what RunInstances and DescribeKeyPairs look them up by. */
  readonly keyPairs = new Map<string, KeyPairRecord>();
  /** Requests that added resources after the defaults, in order (persisted). */
  readonly added: NetworkRequest[] = [];
  defaultVpcId = "";

  constructor(
    readonly account: string,
    readonly region: Region,
  ) {}

  get defaultVpc(): VpcRecord {
    return this.vpcs.get(this.defaultVpcId) as VpcRecord;
  }

  /** The default subnet of a zone (one per zone in the default VPC). */
  defaultSubnet(zone: Zone): SubnetRecord {
    for (const subnet of this.subnets.values()) if (subnet.defaultForAz && subnet.zone.name === zone.name) return subnet;
    throw new Error(`no default subnet in ${zone.name}`);
  }

  /** Each VPC has a group named "default"; it is what an instance gets when no group is named. */
  defaultGroup(vpcId: string): SecurityGroupRecord {
    const group = this.groupByName(vpcId, "default");
    if (group === undefined) throw new Error(`VPC ${vpcId} has no default security group`);
    return group;
  }

  groupByName(vpcId: string, name: string): SecurityGroupRecord | undefined {
    for (const group of this.groups.values()) if (group.vpcId === vpcId && group.name === name) return group;
    return undefined;
  }

  /** Applies an admin request (or replays a stored one), recording it for snapshots. */
  apply<R extends NetworkRequest>(request: R): Created<R> {
    const created = this.add(request);
    this.added.push(request);
    return created;
  }

  putVpc(vpc: VpcRecord): VpcRecord {
    this.vpcs.set(vpc.id, vpc);
    return vpc;
  }

  putSubnet(subnet: SubnetRecord): SubnetRecord {
    this.subnets.set(subnet.id, subnet);
    return subnet;
  }

  putGroup(group: SecurityGroupRecord): SecurityGroupRecord {
    this.groups.set(group.id, group);
    return group;
  }

  putKeyPair(keyPair: KeyPairRecord): KeyPairRecord {
    this.keyPairs.set(keyPair.name, keyPair);
    return keyPair;
  }

  /** Creates what a request describes without recording it (the defaults are derived again). */
  add<R extends NetworkRequest>(request: R): Created<R> {
    return this.create(request) as Created<R>;
  }

  private create(request: NetworkRequest): VpcRecord | SubnetRecord | SecurityGroupRecord | KeyPairRecord {
    const { account, region } = this;
    switch (request.kind) {
      case "vpc": {
        const cidr = this.blockOf(request.cidr, 16, 28);
        if ([...this.vpcs.values()].some((v) => v.tags.get("Name") === request.name)) {
          throw new NetworkInputError(`a VPC named '${request.name}' already exists`, true);
        }
        const id = `vpc-0${derivedHex(16, "vpc", account, region.name, request.name)}`;
        const vpc = this.putVpc({ id, cidr, isDefault: false, dhcpOptionsId: this.defaultVpc.dhcpOptionsId, tags: nameTag(request.name) });
        // EC2 gives every new VPC its own "default" group.
        this.putGroup(defaultGroupRecord(`sg-0${derivedHex(16, "sg", account, region.name, id, "default")}`, id));
        return vpc;
      }
      case "subnet": {
        const vpc = this.vpcs.get(request.vpcId);
        if (vpc === undefined) throw new NetworkInputError(`the VPC '${request.vpcId}' does not exist`);
        const zone = region.zones.find((z) => z.name === request.zone || z.name === `${region.name}${request.zone}`);
        if (zone === undefined) throw new NetworkInputError(`'${request.zone}' is not a zone of ${region.name}`);
        const cidr = this.blockOf(request.cidr, 16, 28);
        if (!cidrContains(vpc.cidr, cidr)) throw new NetworkInputError(`${request.cidr} is not inside the VPC's ${vpc.tags.get("Name") ?? vpc.id} block`);
        for (const other of this.subnets.values()) {
          if (other.vpcId === vpc.id && cidrsOverlap(other.cidr, cidr)) {
            throw new NetworkInputError(`${request.cidr} overlaps subnet ${other.id}`, true);
          }
        }
        const id = `subnet-0${derivedHex(16, "subnet", account, region.name, vpc.id, request.cidr)}`;
        return this.putSubnet({
          id,
          vpcId: vpc.id,
          zone,
          cidr,
          defaultForAz: false,
          mapPublicIpOnLaunch: request.mapPublicIpOnLaunch ?? false,
          tags: nameTag(request.name),
        });
      }
      case "securityGroup": {
        if (!this.vpcs.has(request.vpcId)) throw new NetworkInputError(`the VPC '${request.vpcId}' does not exist`);
        if (request.name.startsWith("sg-")) throw new NetworkInputError("a security group name cannot start with sg-");
        if (this.groupByName(request.vpcId, request.name) !== undefined) {
          throw new NetworkInputError(`the security group '${request.name}' already exists in ${request.vpcId}`, true);
        }
        return this.putGroup({
          id: `sg-0${derivedHex(16, "sg", account, region.name, request.vpcId, request.name)}`,
          name: request.name,
          description: request.description ?? request.name,
          vpcId: request.vpcId,
          ingress: [],
          egress: [ALLOW_ALL_OUT],
          tags: nameTag(request.name),
        });
      }
      case "keyPair": {
        if (this.keyPairs.has(request.name)) throw new NetworkInputError(`the key pair '${request.name}' already exists`, true);
        return this.putKeyPair(keyPairRecord(account, region.name, request.name, request.type ?? "rsa"));
      }
    }
  }

  private blockOf(text: string, minPrefix: number, maxPrefix: number): Cidr {
    const cidr = parseCidr(text);
    if (cidr === undefined) throw new NetworkInputError(`'${text}' is not a CIDR block like 10.0.0.0/16`);
    if (cidr.prefix < minPrefix || cidr.prefix > maxPrefix) {
      throw new NetworkInputError(`the block size must be between /${minPrefix} and /${maxPrefix}`);
    }
    return cidr;
  }
}

/** A VPC's "default" group: members reach each other, everything may leave (as EC2 creates it). */
export function defaultGroupRecord(id: string, vpcId: string): SecurityGroupRecord {
  return {
    id,
    name: "default",
    description: "default VPC security group",
    vpcId,
    ingress: [{ protocol: "-1", cidrs: [], groupIds: [id] }],
    egress: [ALLOW_ALL_OUT],
    tags: new Map(),
  };
}

/** A key pair with EC2-shaped id and fingerprint, derived from its name (no key material is kept). */
export function keyPairRecord(account: string, region: string, name: string, type: "rsa" | "ed25519"): KeyPairRecord {
  const digest = derivedHex(64, "key", account, region, name);
  const fingerprint =
    type === "rsa"
      ? (digest.slice(0, 40).match(/../g) ?? []).join(":")
      : `${Buffer.from(digest, "hex").toString("base64")}`;
  // A fixed creation time keeps Describe answers identical across restarts.
  return { id: `key-0${digest.slice(0, 16)}`, name, type, fingerprint, createdAt: Date.UTC(2024, 0, 1), tags: new Map() };
}
