// The gate watcher wakes a deploy parked at its health gate as soon as EC2's status checks are ok:
// with the deploy's own look-again timer set to a minute, a deployment still finishes in seconds,
// and a failing status check is acted on as fast.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestEnvironment } from "../lib/environments/request-environment";
import { requestDeployment } from "../lib/deployments/request-deployment";
import { createRelease } from "../lib/releases/create-release";
import { createReleaseSchema } from "../lib/releases/schemas";
import { createService } from "../lib/services/create-service";
import { createServiceSchema } from "../lib/services/schemas";
import { createWorld, eventually, type World } from "./helpers/world";

let world: World;
const DIGEST = `sha256:${"e".repeat(64)}`;

beforeAll(async () => {
  world = await createWorld({ worker: false });
  await world.startWorker({ gateIntervalMs: 60_000, gateTimeoutMs: 120_000 });
}, 60_000);
afterAll(async () => {
  await world?.close();
});

describe("the gate watcher", () => {
  it("wakes a gating deploy when its status checks settle, long before the deploy's own timer", async () => {
    const requested = await requestEnvironment(world.db, world.developer, { name: "watched", template: "web-dev", parameters: {} });
    await world.relay(requested.outbox);
    await eventually(async () => ((await world.db.environment.findUniqueOrThrow({ where: { id: requested.environmentId } })).state === "ready" ? true : undefined), { what: "ready", timeoutMs: 30_000 });
    const svc = await createService(world.db, world.developer, createServiceSchema.parse({ name: "watched-web", template: "web-dev", instanceGroup: "web" }));
    for (const [version, config] of [["1.0.0", {}], ["1.0.1", { SANDBOX: "hangar-sandbox: status-checks=fail" }]] as const) {
      await createRelease(world.db, world.developer, { ...createReleaseSchema.parse({ version, artifact: `ghcr.io/acme/w:${version}@${DIGEST}`, config }), service: svc.id });
    }
    for (const [version, expected] of [["1.0.0", "succeeded"], ["1.0.1", "rolled_back"]] as const) {
      const started = Date.now();
      const queued = await requestDeployment(world.db, world.developer, { service: svc.id, release: version, environment: "watched" });
      await world.relay(queued.outbox!);
      const done = await eventually(
        async () => {
          const d = await world.db.deployment.findUniqueOrThrow({ where: { id: queued.deploymentId } });
          return ["succeeded", "rolled_back", "failed"].includes(d.state) ? d : undefined;
        },
        { what: `deployment of ${version}`, timeoutMs: 30_000 },
      );
      expect(done.state).toBe(expected);
      expect(Date.now() - started).toBeLessThan(20_000);
    }
  }, 90_000);
});
