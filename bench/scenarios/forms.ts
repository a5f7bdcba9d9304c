// The request form's server work for a template with live options (examples/templates/vpc-box.yaml):
// filling the form (each live parameter's options, asked in the order a person answers, each
// narrowed by the earlier answers) and previewing it (which checks every live value against the
// cloud and looks up the image). Cold = empty caches; cached = warm, as within a minute of the
// last person. Figures are wall-clock latencies of the lib/ calls the routes make, against the
// sandbox as a separate process enforcing EC2's request limits, with Hangar's client-side limiter on.
import { createAwsProvider } from "../../lib/cloud/aws/create-aws-provider";
import { RedisTokenBucketLimiter } from "../../lib/cloud/rate-limit/redis-limiter";
import type { CloudProvider } from "../../lib/cloud/provider";
import type { ProviderRegistry } from "../../lib/cloud-accounts/provider-registry";
import { previewRequest } from "../../lib/environments/preview-request";
import { ImageResolver } from "../../lib/instances/image-resolver";
import { getParameterOptions } from "../../lib/templates/live-options/get-parameter-options";
import { OptionCache } from "../../lib/templates/live-options/option-cache";
import type { Stack } from "../../scripts/services/process-stack";
import { summarize, type Summary } from "../lib/stats";

const TEMPLATE = "vpc-box";
const REGION = "us-east-1";

export type FormsResult = {
  samples: number;
  /** Latency of one options call (any parameter), and of filling the whole form (5 calls in order). */
  optionsCold: Summary;
  optionsCached: Summary;
  formCold: Summary;
  formCached: Summary;
  previewCold: Summary;
  previewCached: Summary;
  /** N forms opened at the same moment, each with its own empty cache (no sharing), vs one shared cache. */
  burst: { forms: number; separateCaches: Summary; sharedCache: Summary; ec2CallsSeparate: number; ec2CallsShared: number };
  ec2Calls: Record<string, number>;
  throttled: number;
};

function registryFor(stack: Stack): ProviderRegistry & { close(): void } {
  const limiter = new RedisTokenBucketLimiter({ redis: stack.redis, prefix: stack.prefix });
  const providers = new Map<string, CloudProvider & { destroy(): void }>();
  return {
    providerFor: async (_account, region) => {
      let provider = providers.get(region);
      if (!provider) {
        provider = createAwsProvider({ kind: "sandbox", accountId: stack.cloudAccountId, region, endpoint: stack.sandboxUrl, credentials: stack.credentials, rateLimiter: limiter });
        providers.set(region, provider);
      }
      return provider;
    },
    close: () => providers.forEach((provider) => provider.destroy()),
  };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function formsScenario(stack: Stack, options: { samples: number; gapMs: number; burst: number }): Promise<FormsResult> {
  const providers = registryFor(stack);
  try {
    const ask = (cache: OptionCache, parameter: string, values: Record<string, string>) =>
      timed(() => getParameterOptions(stack.db, stack.caller, { providers, optionCache: cache }, { template: TEMPLATE, parameter, values, region: REGION }));

    /** A person filling the form top to bottom: each answer narrows the next question. */
    async function fillForm(cache: OptionCache, perCall: number[]): Promise<Record<string, string>> {
      const [zones, t1] = await ask(cache, "zone", {});
      const zone = zones.options[0]!.value;
      const [types, t2] = await ask(cache, "instanceType", { zone });
      const [vpcs, t3] = await ask(cache, "vpc", {});
      const vpc = vpcs.options[vpcs.options.length - 1]!.value;
      const [subnets, t4] = await ask(cache, "subnet", { vpc, zone });
      const [keys, t5] = await ask(cache, "keyPair", {});
      perCall.push(t1, t2, t3, t4, t5);
      return { zone, instanceType: types.options[0]!.value, vpc, subnet: subnets.options[0]!.value, keyPair: keys.options[0]!.value };
    }

    const preview = (cache: OptionCache, images: ImageResolver, parameters: Record<string, string>) =>
      timed(() => previewRequest(stack.db, stack.caller, { providers, images, optionCache: cache }, { template: TEMPLATE, parameters, region: REGION }));

    await stack.sandbox.resetCounters();
    const coldCalls: number[] = [];
    const coldForms: number[] = [];
    const coldPreviews: number[] = [];
    let answers: Record<string, string> = {};
    for (let i = 0; i < options.samples; i += 1) {
      const [filled, formMs] = await timed(() => fillForm(new OptionCache(), coldCalls));
      answers = filled;
      coldForms.push(formMs);
      // A preview with nothing cached: every live value checked and the image looked up afresh.
      const [, previewMs] = await preview(new OptionCache(), new ImageResolver(), answers);
      coldPreviews.push(previewMs);
      // Paced so EC2's bucket (20 requests/s) keeps up: "cold" here is one person with nothing cached.
      await sleep(options.gapMs);
    }
    const counters = await stack.sandbox.counters();
    const ec2Calls = Object.fromEntries(counters.map((row) => [row.action, row.total]));
    const throttled = counters.reduce((sum, row) => sum + (row.errors.RequestLimitExceeded ?? 0), 0);

    const shared = new OptionCache();
    const images = new ImageResolver();
    await fillForm(shared, []);
    await preview(shared, images, answers);
    const cachedCalls: number[] = [];
    const cachedForms: number[] = [];
    const cachedPreviews: number[] = [];
    for (let i = 0; i < options.samples; i += 1) {
      const [, formMs] = await timed(() => fillForm(shared, cachedCalls));
      cachedForms.push(formMs);
      const [, previewMs] = await preview(shared, images, answers);
      cachedPreviews.push(previewMs);
    }

    // Many people opening the form at once, after a quiet spell (the bucket full again).
    await sleep(6_000);
    await stack.sandbox.resetCounters();
    const separate = await Promise.all(Array.from({ length: options.burst }, () => timed(() => fillForm(new OptionCache(), []))));
    const ec2CallsSeparate = (await stack.sandbox.counters()).reduce((sum, row) => sum + row.total, 0);
    await sleep(6_000);
    await stack.sandbox.resetCounters();
    const one = new OptionCache();
    const together = await Promise.all(Array.from({ length: options.burst }, () => timed(() => fillForm(one, []))));
    const ec2CallsShared = (await stack.sandbox.counters()).reduce((sum, row) => sum + row.total, 0);

    return {
      samples: options.samples,
      optionsCold: summarize(coldCalls),
      optionsCached: summarize(cachedCalls),
      formCold: summarize(coldForms),
      formCached: summarize(cachedForms),
      previewCold: summarize(coldPreviews),
      previewCached: summarize(cachedPreviews),
      burst: {
        forms: options.burst,
        separateCaches: summarize(separate.map(([, ms]) => ms)),
        sharedCache: summarize(together.map(([, ms]) => ms)),
        ec2CallsSeparate,
        ec2CallsShared,
      },
      ec2Calls,
      throttled,
    };
  } finally {
    providers.close();
  }
}
