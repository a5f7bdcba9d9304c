// The same provider contract against REAL AWS. Skipped unless HANGAR_TEST_AWS_REGION is set.
//
// How to run:
//   HANGAR_TEST_AWS_REGION=us-east-1 AWS_PROFILE=sandbox-account \
//     npx vitest run lib/cloud/aws/aws-provider.real-aws.test.ts
//
// Environment:
//   HANGAR_TEST_AWS_REGION         required; the region to test in (e.g. us-east-1).
//   credentials                    the SDK's default chain: AWS_PROFILE, or AWS_ACCESS_KEY_ID /
//                                  AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN), SSO, instance role.
//   HANGAR_TEST_AWS_INSTANCE_TYPE  optional, default t4g.nano (arm64, the cheapest current type,
//                                  about $0.0042/h in us-east-1); t3.micro if you want x86_64/free tier.
//   HANGAR_TEST_AWS_IMAGE_ID       optional; default: the newest Amazon Linux 2023 image for the
//                                  type's architecture (owner amazon), looked up with DescribeImages.
//   HANGAR_TEST_AWS_SUBNET_ID      optional; needed only when the region has no default VPC.
//
// IAM permissions needed (resource "*" is fine in a throwaway account):
//   ec2:RunInstances, ec2:CreateTags (tag-on-create needs it; condition ec2:CreateAction=RunInstances
//   is enough), ec2:TerminateInstances, ec2:StopInstances, ec2:DescribeInstances, ec2:DescribeImages,
//   ec2:DescribeInstanceTypes, ec2:DescribeRegions, ec2:DescribeAvailabilityZones, ec2:DescribeVpcs,
//   ec2:DescribeSubnets, ec2:DescribeSecurityGroups, ec2:DescribeKeyPairs,
//   ec2:DescribeInstanceTypeOfferings, ec2:AllocateAddress, ec2:AssociateAddress,
//   ec2:DisassociateAddress, ec2:DescribeAddresses, ec2:ReleaseAddress (the Elastic IP case
//   releases its address in a finally; a leftover carries the run's hangar:run tag).
//
// What it costs: about 7 instances of the chosen type live for a minute or two (EC2 bills at
// least 60 s each): well under one cent with t4g.nano. Everything launched is tagged
// hangar:managed-by=hangar-contract-test and hangar:run=<uuid of the run>, and terminated in
// afterAll, which also sweeps any instance carrying this run's tags. If a run is killed before
// afterAll, find leftovers with the tag hangar:managed-by=hangar-contract-test and terminate them.
//
// Fault cases (lost responses, throttling storms, capacity, 5xx) need the sandbox's fault
// injection and run only in aws-provider.contract.test.ts.
import { randomUUID } from "node:crypto";
import { afterAll, describe } from "vitest";
import { CountingObserver } from "../observer";
import { HANGAR_TAGS, type LaunchRequest } from "../provider";
import { LocalTokenBucketLimiter } from "../rate-limit/local-limiter";
import { defineAddressContract } from "./contract/address-cases";
import { defineCoreContract } from "./contract/core-cases";
import { defineNetworkContract } from "./contract/network-cases";
import { CONTRACT_MANAGED_BY, type ContractTarget, type ProviderHandle } from "./contract/harness";
import { createAwsProvider, type AwsProvider, type AwsProviderOptions } from "./create-aws-provider";

const region = process.env.HANGAR_TEST_AWS_REGION;
const instanceType = process.env.HANGAR_TEST_AWS_INSTANCE_TYPE ?? "t4g.nano";
const imageIdOverride = process.env.HANGAR_TEST_AWS_IMAGE_ID;
const subnetId = process.env.HANGAR_TEST_AWS_SUBNET_ID;

const providers: AwsProvider[] = [];
const launched = new Set<string>();
// One limiter for the whole run: every handle is the same AWS account.
const rateLimiter = new LocalTokenBucketLimiter();
const runTags = { [HANGAR_TAGS.managedBy]: CONTRACT_MANAGED_BY, [HANGAR_TAGS.run]: randomUUID() };
let launchBase: Promise<Omit<LaunchRequest, "clientToken" | "count" | "tags">> | undefined;

function handle(overrides: Partial<AwsProviderOptions> = {}): ProviderHandle {
  const observer = new CountingObserver();
  const provider = createAwsProvider({
    kind: "aws",
    accountId: "contract-test",
    region: region as string,
    rateLimiter,
    observer,
    ...overrides,
  });
  providers.push(provider);
  // Real AWS has no counters to ask: the SDK's attempt counts are the requests sent.
  return {
    provider,
    observer,
    requests: async (action) => observer.get(action).sdkAttempts,
    errors: async (action) => observer.get(action).errors,
  };
}

async function resolveLaunchBase(h: ProviderHandle): Promise<Omit<LaunchRequest, "clientToken" | "count" | "tags">> {
  const [info] = await h.provider.listInstanceTypes({ types: [instanceType] });
  if (!info) throw new Error(`instance type ${instanceType} is not offered in ${region}`);
  const architecture = info.architectures.includes("arm64") ? "arm64" : "x86_64";
  let imageId = imageIdOverride;
  if (!imageId) {
    const [image] = await h.provider.listImages({
      owners: ["amazon"],
      namePattern: `al2023-ami-2023*-kernel-6.1-${architecture}`,
      architecture,
    });
    if (!image) throw new Error(`no Amazon Linux 2023 image for ${architecture} in ${region}`);
    imageId = image.id;
  }
  return { imageId, instanceType, ...(subnetId ? { subnetId } : {}) };
}

const target: ContractTarget = {
  provider: async (overrides) => handle(overrides),
  // AWS's documented example key: well-formed, never valid.
  providerWithWrongSecret: async () => handle({ credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wrong-secret" } }),
  launchBase: (h) => (launchBase ??= resolveLaunchBase(h)),
  runTags,
  batchInstanceCount: 2,
  track: (ids) => ids.forEach((id) => launched.add(id)),
};

describe.skipIf(!region)("aws provider against real AWS: contract", () => {
  defineCoreContract(() => target, { timeoutMs: 120_000, visibilityTimeoutMs: 30_000 });
  defineNetworkContract(() => target, { timeoutMs: 120_000, visibilityTimeoutMs: 30_000 });
  defineAddressContract(() => target, { timeoutMs: 180_000, visibilityTimeoutMs: 30_000 });

  afterAll(async () => {
    const cleaner = handle();
    try {
      if (launched.size > 0) await cleaner.provider.terminate([...launched]);
      const leftovers = await cleaner.provider.describeInstances({ tags: runTags, states: ["pending", "running", "stopping", "stopped"] });
      if (leftovers.length > 0) await cleaner.provider.terminate(leftovers.map((i) => i.id));
    } finally {
      providers.forEach((provider) => provider.destroy());
    }
  }, 120_000);
});
