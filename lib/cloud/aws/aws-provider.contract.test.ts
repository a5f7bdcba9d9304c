// The provider against the sandbox through the real SDK and HTTP (no mocks). Each provider the
// cases create signs with its own access key, which the sandbox treats as its own account:
// separate instances, request buckets and counters, so cases cannot disturb each other.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe } from "vitest";
import { startSandbox, type Sandbox } from "../../../sandbox/server";
import { CountingObserver } from "../observer";
import { HANGAR_TAGS } from "../provider";
import { LocalTokenBucketLimiter } from "../rate-limit/local-limiter";
import { defineAddressContract, defineSandboxHealthCases } from "./contract/address-cases";
import { defineCoreContract } from "./contract/core-cases";
import { defineFaultContract } from "./contract/fault-cases";
import { defineNetworkContract, defineSandboxNetworkCases } from "./contract/network-cases";
import { CONTRACT_MANAGED_BY, type ContractTarget, type ProviderHandle } from "./contract/harness";
import { createAwsProvider, type AwsProvider, type AwsProviderOptions } from "./create-aws-provider";

const REGION = "us-east-1";
const FAST = { timeoutMs: 20_000, visibilityTimeoutMs: 2_000 };

let sandbox: Sandbox;
let authSandbox: Sandbox; // verifies SigV4 signatures against known keys
const providers: AwsProvider[] = [];
let accounts = 0;

interface CounterRow {
  total: number;
  errors: Record<string, number>;
}

async function counterRows(url: string, account: string, action: string): Promise<CounterRow[]> {
  const query = new URLSearchParams({ account, region: REGION, action });
  const response = await fetch(`${url}/_sandbox/counters?${query}`);
  return ((await response.json()) as { counters: CounterRow[] }).counters;
}

function handleFor(url: string, overrides: Partial<AwsProviderOptions> = {}): ProviderHandle {
  const accessKeyId = overrides.credentials?.accessKeyId ?? `AKIACONTRACT${++accounts}`;
  const observer = new CountingObserver();
  const provider = createAwsProvider({
    kind: "sandbox",
    accountId: accessKeyId,
    region: REGION,
    endpoint: url,
    credentials: { accessKeyId, secretAccessKey: "contract-secret" },
    rateLimiter: new LocalTokenBucketLimiter(),
    observer,
    ...overrides,
  });
  providers.push(provider);
  return {
    provider,
    observer,
    account: accessKeyId,
    requests: async (action) => (await counterRows(url, accessKeyId, action)).reduce((sum, row) => sum + row.total, 0),
    errors: async (action) => {
      const merged: Record<string, number> = {};
      for (const row of await counterRows(url, accessKeyId, action)) {
        for (const [code, n] of Object.entries(row.errors)) merged[code] = (merged[code] ?? 0) + n;
      }
      return merged;
    },
  };
}

async function putConfig(patch: object): Promise<void> {
  const response = await fetch(`${sandbox.url}/_sandbox/config`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(patch),
  });
  if (!response.ok) throw new Error(`sandbox config rejected: ${await response.text()}`);
}

const target: ContractTarget = {
  provider: async (overrides) => handleFor(sandbox.url, overrides),
  providerWithWrongSecret: async () =>
    handleFor(authSandbox.url, { credentials: { accessKeyId: "AKIAKNOWNKEY", secretAccessKey: "not-the-secret" } }),
  async launchBase(handle) {
    const [image] = await handle.provider.listImages({ owners: ["amazon"], namePattern: "al2023-ami-2023*-x86_64" });
    if (!image) throw new Error("the sandbox offers no Amazon Linux image");
    return { imageId: image.id, instanceType: "t3.micro" };
  },
  runTags: { [HANGAR_TAGS.managedBy]: CONTRACT_MANAGED_BY, [HANGAR_TAGS.run]: randomUUID() },
  batchInstanceCount: 40,
  track: () => {}, // nothing to clean up: the sandbox's state is discarded when it closes
  sandbox: {
    configure: putConfig,
    resetFaults: () => putConfig({ limits: "aws", faults: { errors: [], latency: [], drops: [], capacity: [], deny: [] } }),
    addToNetwork: async (handle, request) => {
      const response = await fetch(`${sandbox.url}/_sandbox/network`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ account: handle.account, region: REGION, ...request }),
      });
      if (response.status !== 201) throw new Error(`sandbox network request rejected: ${await response.text()}`);
      return (await response.json()) as { id: string };
    },
  },
};

beforeAll(async () => {
  [sandbox, authSandbox] = await Promise.all([
    startSandbox({ port: 0, timings: "fast", log: () => {} }),
    startSandbox({ port: 0, timings: "fast", credentials: { AKIAKNOWNKEY: "the-secret" }, log: () => {} }),
  ]);
});

afterAll(async () => {
  providers.forEach((provider) => provider.destroy());
  await Promise.all([sandbox?.close(), authSandbox?.close()]);
});

describe("aws provider against the sandbox: contract", () => {
  defineCoreContract(() => target, FAST);
});

describe("aws provider against the sandbox: faults", () => {
  defineFaultContract(() => target, FAST);
});

describe("aws provider against the sandbox: networks", () => {
  defineNetworkContract(() => target, FAST);
  defineSandboxNetworkCases(() => target, FAST);
});

describe("aws provider against the sandbox: addresses and health", () => {
  defineAddressContract(() => target, FAST);
  defineSandboxHealthCases(() => target, FAST);
});
