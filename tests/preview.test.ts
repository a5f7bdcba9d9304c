// A request's dry run against the sandbox through the real SDK: exactly what the request would
// create (defaults filled in, images found in the region, user data as sent, tags, outputs, the
// hourly cost), refused exactly as the request would be, and nothing launched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProviderRegistry } from "../lib/cloud-accounts/create-provider-registry";
import { noRateLimiter } from "../lib/cloud/rate-limit/limits";
import { previewRequest } from "../lib/environments/preview-request";
import { AppError } from "../lib/errors";
import { ImageResolver } from "../lib/instances/image-resolver";
import { createWorld, type World } from "./helpers/world";

let world: World;
let deps: Parameters<typeof previewRequest>[2] & { providers: ReturnType<typeof createProviderRegistry> };

beforeAll(async () => {
  world = await createWorld({ worker: false });
  deps = { providers: createProviderRegistry({ db: world.db, encryptionKey: world.encryptionKey, rateLimiter: noRateLimiter }), images: new ImageResolver() };
});
afterAll(async () => {
  deps?.providers.close();
  await world?.close();
});

describe("previewRequest", () => {
  it("resolves what a request would create, with defaults filled in and the price of exactly that", async () => {
    const preview = await previewRequest(world.db, world.developer, deps, { template: "service-stack", name: "pv-1", parameters: { release: "$(id)" }, region: "us-east-1" });
    expect(preview.parameters).toEqual({ replicas: 2, appSize: "t3.small", release: "$(id)" });
    expect(preview.groups.map((g) => [g.name, g.count, g.instanceType, g.usdPerHour])).toEqual([
      ["app", 2, "t3.small", 0.0208],
      ["db", 1, "t3.medium", 0.0416],
    ]);
    expect(preview.cost).toMatchObject({ usdPerHour: 0.0832, complete: true, derived: false, asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(preview.cost.forLease).toBeCloseTo(0.0832 * 4, 2);
    const app = preview.groups[0]!;
    expect(app.image).toMatchObject({ id: expect.stringMatching(/^ami-/), name: expect.stringMatching(/^al2023-ami-2023/) });
    expect(app.userData).toContain('echo "starting release \\$(id) for pv-1"');
    expect(app.tags).toMatchObject({ tier: "app", Name: "pv-1-app", "hangar:managed-by": "hangar", "hangar:group": "app", "hangar:env": "(assigned on request)" });
    expect(app.alternatives).toEqual({ instanceTypes: ["t3a.small"], zones: ["us-east-1a", "us-east-1b"] });
    expect(preview.outputs.map((o) => o.key)).toEqual(["app_url", "db_host"]);
    expect(world.sandbox.counters.list({ action: "RunInstances" })).toEqual([]);
    expect(await world.db.environment.count({ where: { name: "pv-1" } })).toBe(0);
  });

  it("refuses what the request would refuse, at the same paths", async () => {
    const error = await previewRequest(world.db, world.developer, deps, { template: "service-stack", parameters: { replicas: 10 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).issues.map((i) => i.path)).toEqual(["parameters.replicas"]);
    const ttl = await previewRequest(world.db, world.developer, deps, { template: "web-dev", parameters: {}, ttl: "30d" }).catch((e: unknown) => e);
    expect((ttl as AppError).issues[0]?.path).toBe("ttl");
    const unknown = await previewRequest(world.db, world.developer, deps, { template: "nope", parameters: {} }).catch((e: unknown) => e);
    expect((unknown as AppError).status).toBe(404);
  });
});
