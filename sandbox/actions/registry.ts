// The EC2 actions the sandbox speaks, with the throttling bucket each one draws from.
import { allocateAddress, associateAddress, disassociateAddress, releaseAddress } from "./addresses";
import type { ActionDefinition } from "./context";
import { startInstances, stopInstances, terminateInstances } from "./change-instance-state";
import { describeAddresses } from "./describe-addresses";
import { describeImages } from "./describe-images";
import { describeInstanceStatus } from "./describe-instance-status";
import { describeInstanceTypeOfferings } from "./describe-instance-type-offerings";
import { describeInstanceTypes } from "./describe-instance-types";
import { describeInstances } from "./describe-instances";
import { describeKeyPairs, describeSecurityGroups, describeSubnets, describeVpcs } from "./describe-network";
import { describeAvailabilityZones, describeRegions } from "./describe-regions";
import { runInstances } from "./run-instances";
import { createTags, deleteTags } from "./tags";

export const actions: Readonly<Record<string, ActionDefinition>> = {
  RunInstances: { category: "runInstances", handle: runInstances },
  TerminateInstances: { category: "terminateInstances", handle: terminateInstances },
  StopInstances: { category: "mutating", handle: stopInstances },
  StartInstances: { category: "mutating", handle: startInstances },
  CreateTags: { category: "mutating", handle: createTags },
  DeleteTags: { category: "mutating", handle: deleteTags },
  AllocateAddress: { category: "mutating", handle: allocateAddress },
  AssociateAddress: { category: "mutating", handle: associateAddress },
  DisassociateAddress: { category: "mutating", handle: disassociateAddress },
  ReleaseAddress: { category: "mutating", handle: releaseAddress },
  DescribeInstances: { category: "nonMutating", handle: describeInstances },
  DescribeInstanceStatus: { category: "nonMutating", handle: describeInstanceStatus },
  DescribeImages: { category: "nonMutating", handle: describeImages },
  DescribeInstanceTypes: { category: "nonMutating", handle: describeInstanceTypes },
  DescribeRegions: { category: "nonMutating", handle: describeRegions },
  DescribeAvailabilityZones: { category: "nonMutating", handle: describeAvailabilityZones },
  DescribeInstanceTypeOfferings: { category: "nonMutating", handle: describeInstanceTypeOfferings },
  DescribeVpcs: { category: "nonMutating", handle: describeVpcs },
  DescribeSubnets: { category: "nonMutating", handle: describeSubnets },
  DescribeSecurityGroups: { category: "nonMutating", handle: describeSecurityGroups },
  DescribeKeyPairs: { category: "nonMutating", handle: describeKeyPairs },
  DescribeAddresses: { category: "nonMutating", handle: describeAddresses },
};

export function findAction(name: string): ActionDefinition | undefined {
  return Object.hasOwn(actions, name) ? actions[name] : undefined;
}
