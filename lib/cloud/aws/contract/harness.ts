// What the shared contract cases need from a target (the sandbox or real AWS). Cases talk only
// to this interface, so the same assertions run against both and cannot drift apart.
import { randomBytes, randomUUID } from "node:crypto";
import type { CountingObserver } from "../../observer";
import { HANGAR_TAGS, type LaunchRequest } from "../../provider";
import type { AwsProvider, AwsProviderOptions } from "../create-aws-provider";

/** Tag every contract test resource carries, so a leak is easy to find and sweep. */
export const CONTRACT_MANAGED_BY = "hangar-contract-test";

export interface ProviderHandle {
  provider: AwsProvider;
  observer: CountingObserver;
  /** HTTP requests the cloud received for `action` from this handle (sandbox: its counters; AWS: the SDK's attempt counts). */
  requests(action: string): Promise<number>;
  /** Error codes the cloud answered for `action`, with counts. */
  errors(action: string): Promise<Record<string, number>>;
  /** The sandbox account (access key id) this handle signs as; unset on real AWS. */
  account?: string;
}

export interface SandboxControls {
  /** PUT /_sandbox/config with a patch (faults, limits, timings). */
  configure(patch: object): Promise<void>;
  /** Clears every fault rule and restores EC2's request limits. */
  resetFaults(): Promise<void>;
  /** POST /_sandbox/network for the handle's account: adds a VPC, subnet, security group or key pair. */
  addToNetwork(handle: ProviderHandle, request: { kind: string; [field: string]: unknown }): Promise<{ id: string }>;
}

export interface ContractTarget {
  /** A provider for a fresh account where the target allows it (sandbox: new access key = empty buckets). */
  provider(overrides?: Partial<AwsProviderOptions>): Promise<ProviderHandle>;
  /** A provider whose secret key is wrong. */
  providerWithWrongSecret(): Promise<ProviderHandle>;
  /** Image, type and placement for launches; the cheapest the target offers. */
  launchBase(handle: ProviderHandle): Promise<Omit<LaunchRequest, "clientToken" | "count" | "tags">>;
  /** Tags identifying this test run; every launch carries them. */
  runTags: Record<string, string>;
  /** Instances launched for the terminate-batching case (the rest of the 50 ids are unknown ids). */
  batchInstanceCount: number;
  /** Ids launched by cases, for cleanup (real AWS: terminated in afterAll; the sandbox's state dies with it). */
  track(ids: string[]): void;
  sandbox?: SandboxControls;
}

export interface ContractOptions {
  /** Per-test timeout: real AWS launches take seconds. */
  timeoutMs: number;
  /** How long to wait for a freshly launched instance to become visible. */
  visibilityTimeoutMs: number;
}

/** A one-instance launch for a fresh environment of this run, with a new idempotency token. */
export async function launchRequest(target: ContractTarget, handle: ProviderHandle, overrides: Partial<LaunchRequest> = {}): Promise<LaunchRequest> {
  return {
    ...(await target.launchBase(handle)),
    clientToken: randomUUID(),
    count: 1,
    tags: { ...target.runTags, [HANGAR_TAGS.environment]: `env-${randomUUID()}` },
    ...overrides,
  };
}

/** A well-formed instance id no account has: EC2 answers NotFound, never Malformed. */
export function unknownInstanceId(): string {
  return `i-0${randomBytes(8).toString("hex")}`;
}

/** Polls until `check` returns a value other than undefined (eventual consistency on real AWS). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}
