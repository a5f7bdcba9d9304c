// Read-only network queries that fill a template's dependent fields from live cloud data: VPCs,
// their subnets (per zone), security groups, key pairs, and which instance types a zone offers.
// None of them is on the launch path; each follows NextToken to the end where EC2 pages.
import {
  DescribeInstanceTypeOfferingsCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Filter,
} from "@aws-sdk/client-ec2";
import type { CloudKeyPair, CloudSecurityGroup, CloudSubnet, CloudVpc } from "../provider";
import type { Call } from "./call";
import { tagsToRecord } from "./to-cloud-instance";

// The largest page these actions accept: one request for any ordinary account.
const PAGE_SIZE = 1000;

/** Sends `page` until EC2 stops returning a NextToken; collects what each page yields. */
async function allPages<Out extends { NextToken?: string; $metadata?: { attempts?: number } }, T>(
  call: Call,
  action: string,
  page: (nextToken: string | undefined) => Promise<Out>,
  items: (output: Out) => T[],
): Promise<T[]> {
  const results: T[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const output = await call(action, () => page(token));
    results.push(...items(output));
    nextToken = output.NextToken || undefined;
  } while (nextToken);
  return results;
}

const filters = (entries: [string, string | undefined][]): Filter[] | undefined => {
  const list = entries.flatMap(([Name, value]) => (value ? [{ Name, Values: [value] }] : []));
  return list.length > 0 ? list : undefined;
};

function nameTag(tags: Parameters<typeof tagsToRecord>[0]): { name?: string } {
  const name = tagsToRecord(tags).Name;
  return name ? { name } : {};
}

export function listVpcs(client: EC2Client, call: Call): Promise<CloudVpc[]> {
  return allPages(
    call,
    "DescribeVpcs",
    (NextToken) => client.send(new DescribeVpcsCommand({ MaxResults: PAGE_SIZE, NextToken })),
    (output) =>
      (output.Vpcs ?? []).flatMap((vpc) =>
        vpc.VpcId ? [{ id: vpc.VpcId, ...nameTag(vpc.Tags), cidr: vpc.CidrBlock ?? "", isDefault: vpc.IsDefault ?? false }] : [],
      ),
  );
}

export function listSubnets(client: EC2Client, call: Call, query: { vpcId?: string; zone?: string } = {}): Promise<CloudSubnet[]> {
  const Filters = filters([
    ["vpc-id", query.vpcId],
    ["availability-zone", query.zone],
  ]);
  return allPages(
    call,
    "DescribeSubnets",
    (NextToken) => client.send(new DescribeSubnetsCommand({ Filters, MaxResults: PAGE_SIZE, NextToken })),
    (output) =>
      (output.Subnets ?? []).flatMap((subnet): CloudSubnet[] => {
        if (!subnet.SubnetId) return [];
        const result: CloudSubnet = {
          id: subnet.SubnetId,
          ...nameTag(subnet.Tags),
          vpcId: subnet.VpcId ?? "",
          cidr: subnet.CidrBlock ?? "",
          zone: subnet.AvailabilityZone ?? "",
          isDefault: subnet.DefaultForAz ?? false,
          mapPublicIp: subnet.MapPublicIpOnLaunch ?? false,
        };
        if (subnet.AvailableIpAddressCount !== undefined) result.availableIps = subnet.AvailableIpAddressCount;
        return [result];
      }),
  );
}

export function listSecurityGroups(client: EC2Client, call: Call, query: { vpcId?: string } = {}): Promise<CloudSecurityGroup[]> {
  const Filters = filters([["vpc-id", query.vpcId]]);
  return allPages(
    call,
    "DescribeSecurityGroups",
    (NextToken) => client.send(new DescribeSecurityGroupsCommand({ Filters, MaxResults: PAGE_SIZE, NextToken })),
    (output) =>
      (output.SecurityGroups ?? []).flatMap((group): CloudSecurityGroup[] => {
        if (!group.GroupId) return [];
        const result: CloudSecurityGroup = { id: group.GroupId, name: group.GroupName ?? "" };
        if (group.Description) result.description = group.Description;
        if (group.VpcId) result.vpcId = group.VpcId;
        return [result];
      }),
  );
}

/** DescribeKeyPairs has no pages: one call answers every key pair of the region. */
export async function listKeyPairs(client: EC2Client, call: Call): Promise<CloudKeyPair[]> {
  const output = await call("DescribeKeyPairs", () => client.send(new DescribeKeyPairsCommand({})));
  return (output.KeyPairs ?? []).flatMap((key): CloudKeyPair[] => {
    if (!key.KeyName) return [];
    const result: CloudKeyPair = { name: key.KeyName };
    if (key.KeyPairId) result.id = key.KeyPairId;
    if (key.KeyType) result.type = key.KeyType;
    if (key.KeyFingerprint) result.fingerprint = key.KeyFingerprint;
    return [result];
  });
}

/** With `families`, an `instance-type` filter (t3.*): a form asking about a few families reads one page, not two. */
export async function listInstanceTypeOfferings(client: EC2Client, call: Call, query: { zone?: string; families?: string[] } = {}): Promise<string[]> {
  const Filters = filters([["location", query.zone]]) ?? [];
  if (query.families?.length) Filters.push({ Name: "instance-type", Values: [...new Set(query.families)].map((family) => `${family}.*`) });
  const input = { LocationType: query.zone ? ("availability-zone" as const) : ("region" as const), ...(Filters.length > 0 ? { Filters } : {}) };
  const types = await allPages(
    call,
    "DescribeInstanceTypeOfferings",
    (NextToken) => client.send(new DescribeInstanceTypeOfferingsCommand({ ...input, MaxResults: PAGE_SIZE, NextToken })),
    (output) => (output.InstanceTypeOfferings ?? []).flatMap((offering) => (offering.InstanceType ? [offering.InstanceType] : [])),
  );
  return [...new Set(types)].sort();
}
