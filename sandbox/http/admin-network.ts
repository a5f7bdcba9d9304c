// Admin routes for an account's network, so tests can set up what a platform team would have:
//   GET  /_sandbox/network?account=&region=   -> { vpcs, subnets, securityGroups, keyPairs }
//   POST /_sandbox/network  { account, region, kind: "vpc" | "subnet" | "securityGroup" | "keyPair", ... }
//        -> 201 with what was created (ids derived from the request, so a test can predict them);
//        400 for an invalid request, 409 for a name or CIDR that is taken.
// What is added is kept in the state file and survives a restart; POST /_sandbox/reset drops it.
import { z } from "zod";
import { findRegion, isCallableRegion } from "../catalog/regions";
import { formatCidr } from "../engine/cidr";
import type { CloudState } from "../engine/cloud-state";
import { NetworkInputError, type KeyPairRecord, type SecurityGroupRecord, type SubnetRecord, type VpcRecord } from "../engine/network";
import type { Partition } from "../engine/partition";

const name = z.string().min(1).max(255);
const scope = { account: z.string().min(1), region: z.string().min(1) };

export const networkRequestSchema = z.discriminatedUnion("kind", [
  z.object({ ...scope, kind: z.literal("vpc"), name, cidr: z.string() }).strict(),
  z
    .object({
      ...scope,
      kind: z.literal("subnet"),
      vpcId: z.string().min(1),
      zone: z.string().min(1).meta({ description: "A zone name, or its letter" }),
      cidr: z.string(),
      name: name.optional(),
      mapPublicIpOnLaunch: z.boolean().optional(),
    })
    .strict(),
  z.object({ ...scope, kind: z.literal("securityGroup"), vpcId: z.string().min(1), name, description: z.string().max(255).optional() }).strict(),
  z.object({ ...scope, kind: z.literal("keyPair"), name, type: z.enum(["rsa", "ed25519"]).optional() }).strict(),
]);

export type AdminReply = { status: number; body: unknown };

const nameOf = (tags: ReadonlyMap<string, string>): string | null => tags.get("Name") ?? null;

const vpcView = (v: VpcRecord) => ({ id: v.id, name: nameOf(v.tags), cidr: formatCidr(v.cidr), isDefault: v.isDefault });
const subnetView = (p: Partition, s: SubnetRecord) => ({
  id: s.id,
  name: nameOf(s.tags),
  vpcId: s.vpcId,
  zone: s.zone.name,
  cidr: formatCidr(s.cidr),
  defaultForAz: s.defaultForAz,
  mapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
  availableIpAddressCount: p.ips.available(s),
});
const groupView = (g: SecurityGroupRecord) => ({ id: g.id, name: g.name, vpcId: g.vpcId, description: g.description });
const keyView = (k: KeyPairRecord) => ({ id: k.id, name: k.name, type: k.type, fingerprint: k.fingerprint });

export function networkView(partition: Partition) {
  const { network } = partition;
  return {
    account: partition.account,
    region: partition.region.name,
    vpcs: [...network.vpcs.values()].map(vpcView),
    subnets: [...network.subnets.values()].map((s) => subnetView(partition, s)),
    securityGroups: [...network.groups.values()].map(groupView),
    keyPairs: [...network.keyPairs.values()].map(keyView),
  };
}

function partitionFor(state: CloudState, account: string, region: string): Partition | AdminReply {
  if (findRegion(region) === undefined || !isCallableRegion(region)) {
    return { status: 400, body: { error: "invalid_region", message: `'${region}' is not a region the sandbox serves` } };
  }
  return state.partition(account, region);
}

export function getNetwork(state: CloudState, account: string | undefined, region: string | undefined): AdminReply {
  if (account === undefined || region === undefined) {
    return { status: 400, body: { error: "missing_scope", message: "give account and region" } };
  }
  const partition = partitionFor(state, account, region);
  return "status" in partition ? partition : { status: 200, body: networkView(partition) };
}

export function addToNetwork(state: CloudState, input: unknown): AdminReply {
  const parsed = networkRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    return { status: 400, body: { error: "invalid_request", issues } };
  }
  const { account, region, ...request } = parsed.data;
  const partition = partitionFor(state, account, region);
  if ("status" in partition) return partition;
  try {
    const created = partition.network.apply(request);
    state.changed();
    const body =
      request.kind === "vpc"
        ? vpcView(created as VpcRecord)
        : request.kind === "subnet"
          ? subnetView(partition, created as SubnetRecord)
          : request.kind === "securityGroup"
            ? groupView(created as SecurityGroupRecord)
            : keyView(created as KeyPairRecord);
    return { status: 201, body };
  } catch (error) {
    if (!(error instanceof NetworkInputError)) throw error;
    return { status: error.conflict ? 409 : 400, body: { error: error.conflict ? "conflict" : "invalid_request", message: error.message } };
  }
}
