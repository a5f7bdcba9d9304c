// Live options on real Postgres and the sandbox over the real SDK: the options route's service
// lists zones, instance types (with vCPU, memory and price), VPCs, subnets narrowed by the chosen
// VPC and zone, security groups, key pairs and images newest first; answers are cached per
// account + region + query; a request or preview with a value the cloud does not offer is a 400
// at its path with a sentence; a good one becomes ready in the chosen subnet.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProviderRegistry } from "../lib/cloud-accounts/create-provider-registry";
import { noRateLimiter } from "../lib/cloud/rate-limit/limits";
import { getEnvironment } from "../lib/environments/get-environment";
import { planUpgrade } from "../lib/environments/plan-upgrade";
import { previewRequest } from "../lib/environments/preview-request";
import { requestEnvironment } from "../lib/environments/request-environment";
import { ImageResolver } from "../lib/instances/image-resolver";
import { getParameterOptions, type ParameterOptionsInput } from "../lib/templates/live-options/get-parameter-options";
import { OptionCache } from "../lib/templates/live-options/option-cache";
import { createTemplate } from "../lib/templates/publish-template-version";
import { failure } from "./helpers/callers";
import { createWorld, eventually, type World } from "./helpers/world";

let world: World;
let providers: ReturnType<typeof createProviderRegistry>;
let now = Date.parse("2026-12-01T12:00:00Z");
const cache = new OptionCache({ ttlMs: 60_000, now: () => now });

beforeAll(async () => {
  world = await createWorld();
  providers = createProviderRegistry({ db: world.db, encryptionKey: world.encryptionKey, rateLimiter: noRateLimiter });
});
afterAll(async () => {
  providers?.close();
  await world?.close();
});

const options = (parameter: string, values: Record<string, string> = {}, extra: Partial<ParameterOptionsInput> = {}) =>
  getParameterOptions(world.db, world.developer, { providers, optionCache: cache }, { template: "vpc-box", parameter, values, region: "us-east-1", ...extra });
const calls = (action: string) => world.sandbox.counters.list({ action }).reduce((sum, row) => sum + row.total, 0);

async function network() {
  const vpcs = (await options("vpc")).options;
  const [defaultVpc, privateVpc] = vpcs;
  const privateA = (await options("subnet", { vpc: privateVpc!.value, zone: "us-east-1a" })).options[0]!;
  const defaultA = (await options("subnet", { vpc: defaultVpc!.value, zone: "us-east-1a" })).options[0]!;
  return { defaultVpc: defaultVpc!, privateVpc: privateVpc!, privateA, defaultA };
}

describe("live options", () => {
  it("lists zones, VPCs (default first) and key pairs from the account", async () => {
    expect((await options("zone")).options.map((o) => o.value)).toEqual(["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"]);
    const vpcs = (await options("vpc")).options;
    expect(vpcs).toEqual([
      { value: expect.stringMatching(/^vpc-/), label: expect.stringMatching(/^default VPC \(vpc-/), detail: "172.31.0.0/16 · default" },
      { value: expect.stringMatching(/^vpc-/), label: expect.stringMatching(/^hangar-private \(vpc-/), detail: "10.0.0.0/16" },
    ]);
    expect((await options("keyPair")).options.map((o) => o.value)).toEqual(["hangar-demo"]);
  });

  it("lists the instance types the chosen zone offers, filtered by the template, with vCPU, memory and hourly price", async () => {
    const inZone = (await options("instanceType", { zone: "us-east-1b" })).options;
    expect(inZone.length).toBeGreaterThan(5);
    expect(inZone.every((o) => /^(t3|t3a|m6i)\./.test(o.value))).toBe(true);
    expect(inZone.find((o) => o.value === "t3.small")).toEqual({ value: "t3.small", label: "t3.small", detail: "2 vCPU · 2 GiB · x86_64 · $0.0208/h" });
    expect(inZone.map((o) => o.value)).not.toContain("t3.2xlarge"); // 8 vCPUs: over the template's maxVcpu of 4
    expect(inZone.map((o) => o.value)).not.toContain("t3.nano"); // 0.5 GiB: under minMemoryGiB
  });

  it("narrows subnets by the chosen VPC and zone, and security groups by VPC", async () => {
    const { privateVpc, privateA, defaultA } = await network();
    const allPrivate = (await options("subnet", { vpc: privateVpc.value })).options;
    expect(allPrivate).toHaveLength(6);
    expect(privateA).toEqual({ value: expect.stringMatching(/^subnet-/), label: expect.stringMatching(/^hangar-private-a \(subnet-/), detail: expect.stringMatching(/^10\.0\.\d+\.0\/\d+ · us-east-1a · private · \d+ free addresses$/) });
    expect(defaultA.detail).toContain("public IPs");

    await createTemplate(world.db, world.admin, {
      slug: "groups-and-images",
      source: `name: Groups and images
lease: { default: 1h, max: 1d }
parameters:
  type: object
  properties:
    vpc: { type: string, source: vpcs }
    group: { type: string, source: securityGroups, dependsOn: vpc }
    image: { type: string, source: images, filter: { owner: amazon, name: "al2023-ami-*", architecture: x86_64 } }
instanceGroups:
  - name: web
    image: "\${{ params.image }}"
    instanceType: t3.micro
    securityGroupIds: ["\${{ params.group }}"]
`,
    });
    const groups = await getParameterOptions(world.db, world.admin, { providers, optionCache: cache }, { template: "groups-and-images", parameter: "group", values: { vpc: privateVpc.value } });
    expect(groups.options.map((o) => o.label)).toEqual([expect.stringMatching(/^default \(sg-/), expect.stringMatching(/^hangar-db \(sg-/)]);
    const images = (await getParameterOptions(world.db, world.admin, { providers, optionCache: cache }, { template: "groups-and-images", parameter: "image", values: {} })).options;
    expect(images.length).toBeGreaterThan(1);
    expect(images.every((o) => o.label.startsWith("al2023-ami-") && o.detail?.includes("x86_64"))).toBe(true);
    const dates = images.map((o) => o.detail!.slice(-10));
    expect(dates).toEqual([...dates].sort().reverse()); // newest first
  });

  it("answers from the cache for a minute per account, region and query, then asks the cloud again", async () => {
    const before = calls("DescribeSubnets");
    const first = await options("subnet", { zone: "us-east-1c" });
    const again = await options("subnet", { zone: "us-east-1c" });
    expect(calls("DescribeSubnets") - before).toBe(1);
    expect(again.cachedAt).toBe(first.cachedAt);
    await options("subnet", { zone: "us-east-1d" }); // another query: its own entry
    expect(calls("DescribeSubnets") - before).toBe(2);
    now += 61_000;
    const later = await options("subnet", { zone: "us-east-1c" });
    expect(calls("DescribeSubnets") - before).toBe(3);
    expect(Date.parse(later.cachedAt) - Date.parse(first.cachedAt)).toBe(61_000);
  });

  it("refuses what it cannot answer: not a live parameter, a region outside the account, a template the caller may not use", async () => {
    expect((await failure(options("nope"))).issues).toEqual([{ path: "parameter", message: "vpc-box has no parameter nope with live options (it has instanceType, keyPair, subnet, vpc, zone)" }]);
    expect((await failure(options("zone", {}, { region: "mars-north-1" }))).issues[0]?.path).toBe("region");
    await createTemplate(world.db, world.admin, { slug: "admins-only", source: `name: Admins only
lease: { default: 1h, max: 1d }
parameters: { type: object, properties: { zone: { type: string, source: zones } } }
instanceGroups: [{ name: web, image: ami-0123456789abcdef0, instanceType: t3.micro }]
` });
    // Owned by no team and shared with none: only site admins may use it.
    await world.db.template.update({ where: { slug: "admins-only" }, data: { ownerTeamId: null, sharedWithAll: false } });
    expect((await getParameterOptions(world.db, world.admin, { providers }, { template: "admins-only", parameter: "zone", values: {} })).options.length).toBe(6);
    const hidden = await failure(getParameterOptions(world.db, world.developer, { providers }, { template: "admins-only", parameter: "zone", values: {} }));
    expect(hidden.status).toBe(404);
  });
});

describe("requests checked against live options", () => {
  it("refuses a subnet of another VPC, a type the zone does not offer and an unknown key pair, at their paths, in preview and request alike", async () => {
    const { privateVpc, defaultA } = await network();
    const parameters = { zone: "us-east-1a", instanceType: "m6i.24xlarge", vpc: privateVpc.value, subnet: defaultA.value, keyPair: "gone-key" };
    const deps = { providers, images: new ImageResolver(), optionCache: cache };
    const preview = await failure(previewRequest(world.db, world.developer, deps, { template: "vpc-box", parameters, region: "us-east-1" }));
    const request = await failure(requestEnvironment(world.db, world.developer, { name: "stale-1", template: "vpc-box", parameters, region: "us-east-1" }, { providers, optionCache: cache }));
    for (const error of [preview, request]) {
      expect(error.status).toBe(400);
      expect(error.issues).toEqual([
        { path: "parameters.instanceType", message: "m6i.24xlarge is not an instance type offered in us-east-1a that this template allows" },
        { path: "parameters.keyPair", message: "gone-key is not a key pair in us-east-1" },
        { path: "parameters.subnet", message: `${defaultA.value} is not a subnet of ${privateVpc.value} in us-east-1a` },
      ]);
    }
    expect(await world.db.environment.count({ where: { name: "stale-1" } })).toBe(0);
    // Without the cloud a live template cannot be checked, so it is not accepted unchecked.
    await expect(requestEnvironment(world.db, world.developer, { name: "stale-2", template: "vpc-box", parameters, region: "us-east-1" })).rejects.toThrow(/provider registry/);
  });

  it("previews the cost of the chosen type and becomes ready in the chosen subnet, without a public address", async () => {
    const { privateVpc, privateA } = await network();
    const parameters = { zone: "us-east-1a", instanceType: "t3.small", vpc: privateVpc.value, subnet: privateA.value, keyPair: "hangar-demo" };
    const preview = await previewRequest(world.db, world.developer, { providers, images: new ImageResolver(), optionCache: cache }, { template: "vpc-box", parameters, region: "us-east-1" });
    expect(preview.groups[0]).toMatchObject({ instanceType: "t3.small", subnetId: privateA.value, keyName: "hangar-demo", usdPerHour: 0.0208 });
    const requested = await requestEnvironment(world.db, world.developer, { name: "in-subnet", template: "vpc-box", parameters, region: "us-east-1" }, { providers, optionCache: cache });
    await world.relay(requested.outbox);
    const ready = await eventually(async () => {
      const env = await getEnvironment(world.db, world.developer, requested.environmentId);
      if (env.state === "failed") throw new Error(env.failureReason ?? "failed");
      return env.state === "ready" ? env : undefined;
    }, { what: "vpc-box to be ready" });
    const [instance] = ready.instances;
    const cidr = privateA.detail!.split(" · ")[0]!; // e.g. 10.0.0.0/20
    expect(instance?.privateIp?.startsWith(cidr.split(".").slice(0, 2).join("."))).toBe(true);
    expect(instance?.availabilityZone ?? "us-east-1a").toBe("us-east-1a");
    expect(instance?.publicIp ?? null).toBeNull();
    expect(ready.outputs.private_ip).toBe(instance?.privateIp);

    // An update is checked the same way: a key pair the cloud does not have is a 400 at its path.
    const live = { providers, optionCache: cache };
    const stale = await failure(planUpgrade(world.db, world.developer, { environmentId: requested.environmentId, parameters: { keyPair: "gone-key" }, live }));
    expect(stale.status).toBe(400);
    expect(stale.issues).toEqual([{ path: "parameters.keyPair", message: "gone-key is not a key pair in us-east-1" }]);
    const smaller = await planUpgrade(world.db, world.developer, { environmentId: requested.environmentId, parameters: { instanceType: "t3.micro" }, live });
    expect(smaller.view.groups.map((g) => [g.change, g.differences])).toEqual([["replaced", ["instance type t3.small → t3.micro"]]]);
  });
});
