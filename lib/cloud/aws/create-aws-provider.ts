// Assembles the EC2 provider: one client, one retry budget and one terminate batcher per
// provider (i.e. per cloud account and region in a process), shared by every caller.
import { CreateTagsCommand } from "@aws-sdk/client-ec2";
import { createBatcher } from "../batcher";
import { noopObserver, type CloudCallObserver } from "../observer";
import { priceOf } from "../prices/price-of";
import type { CloudProvider, StateChange } from "../provider";
import { RetryBudget, type RetryBudgetOptions, type RetryDeps, type RetryPolicy } from "../retry";
import { allocateAddress, associateAddress, describeAddresses, disassociateAddress, releaseAddress } from "./addresses";
import { createCall } from "./call";
import { listImages, listInstanceTypes, listRegions, listZones } from "./catalog";
import { createEc2Client, prepaidRequest, type Ec2ClientOptions } from "./client";
import { describeInstances } from "./describe-instances";
import { healthCheckUrl } from "./health-check-url";
import { assertInstanceIds, startInstances, stopInstances, terminateInstances } from "./instance-state";
import { describeInstanceStatus } from "./instance-status";
import { launchInstances } from "./launch";
import { listInstanceTypeOfferings, listKeyPairs, listSecurityGroups, listSubnets, listVpcs } from "./network";
import { testConnection } from "./test-connection";
import { chunk, recordToTags } from "./to-cloud-instance";

export interface AwsProviderOptions extends Ec2ClientOptions {
  retry?: Partial<RetryPolicy>;
  retryBudget?: Partial<RetryBudgetOptions>;
  /** Injectable clock/random/sleep for the retry layer (tests). */
  retryDeps?: Partial<RetryDeps>;
  observer?: CloudCallObserver;
  /** Coalescing of concurrent terminate calls; false sends each call on its own. */
  terminateBatch?: { maxWaitMs: number; maxBatch: number } | false;
}

export interface AwsProvider extends CloudProvider {
  /** Closes keep-alive sockets; call on shutdown. */
  destroy(): void;
}

// A destroy takes seconds anyway; a quarter second of coalescing turns a wave of destroys into a
// handful of TerminateInstances calls.
export const DEFAULT_TERMINATE_BATCH = { maxWaitMs: 250, maxBatch: 1000 };

export function createAwsProvider(options: AwsProviderOptions): AwsProvider {
  const client = createEc2Client(options);
  const call = createCall({
    accountId: options.accountId,
    region: options.region,
    observer: options.observer ?? noopObserver,
    budget: new RetryBudget(options.retryBudget),
    policy: options.retry ?? {},
    retryDeps: options.retryDeps,
  });

  const batchOptions = options.terminateBatch === undefined ? DEFAULT_TERMINATE_BATCH : options.terminateBatch;
  const terminateBatcher = batchOptions
    ? createBatcher<string, StateChange>({ ...batchOptions, execute: (ids) => terminateInstances(client, call, ids) })
    : null;

  return {
    kind: options.kind,
    region: options.region,
    reserveRequest: (action, key) => options.rateLimiter.reserve({ accountId: options.accountId, region: options.region, action }, key ? { key } : {}),
    launch: (request, launchOptions) =>
      launchOptions?.prepaid
        ? prepaidRequest.run({ action: "RunInstances", spent: false }, () => launchInstances(client, call, request))
        : launchInstances(client, call, request),
    describeInstances: (query) => describeInstances(client, call, query),
    stop: (ids) => stopInstances(client, call, ids),
    start: (ids) => startInstances(client, call, ids),
    async terminate(ids) {
      assertInstanceIds(ids, "TerminateInstances");
      const unique = [...new Set(ids)];
      if (terminateBatcher) return terminateBatcher.load(unique);
      const changes = await terminateInstances(client, call, unique);
      return unique.map((id) => {
        const change = changes.get(id);
        if (!change) throw new Error(`TerminateInstances returned no result for ${id}`);
        return change;
      });
    },
    async tag(ids, tags) {
      const Tags = recordToTags(tags);
      if (ids.length === 0 || Tags.length === 0) return;
      for (const Resources of chunk([...new Set(ids)], 1000)) {
        await call("CreateTags", () => client.send(new CreateTagsCommand({ Resources, Tags })));
      }
    },
    listImages: (query) => listImages(client, call, query),
    listInstanceTypes: (query) => listInstanceTypes(client, call, query),
    listRegions: () => listRegions(client, call),
    listZones: () => listZones(client, call),
    listVpcs: () => listVpcs(client, call),
    listSubnets: (query) => listSubnets(client, call, query),
    listSecurityGroups: (query) => listSecurityGroups(client, call, query),
    listKeyPairs: () => listKeyPairs(client, call),
    listInstanceTypeOfferings: (query) => listInstanceTypeOfferings(client, call, query),
    allocateAddress: (request) => allocateAddress(client, call, request),
    associateAddress: (request) => associateAddress(client, call, request),
    disassociateAddress: (associationId) => disassociateAddress(client, call, associationId),
    describeAddresses: (query) => describeAddresses(client, call, query),
    releaseAddress: (allocationId) => releaseAddress(client, call, allocationId),
    describeInstanceStatus: (ids) => describeInstanceStatus(client, call, ids),
    healthCheckUrl: (instance, target) => healthCheckUrl(options, instance, target),
    priceOf: (instanceType, region) => priceOf(instanceType, region ?? options.region),
    testConnection: () => testConnection(client, call, options),
    destroy: () => client.destroy(),
  };
}
