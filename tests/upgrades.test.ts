// Upgrading running environments, end to end on Postgres, Redis, the worker and the sandbox:
// the plan (replaced, added, removed and kept groups, parameters, lease, cost), the update run
// (new instances first, then the switch, then the old ones go), the undo when it fails before
// the switch, the refusals, and bulk upgrades within their concurrency limit.
import { EC2Client, StopInstancesCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyUpgrade } from "../lib/environments/apply-upgrade";
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY } from "../lib/seed/seed-demo";
import { getEnvironment } from "../lib/environments/get-environment";
import { listEnvironments } from "../lib/environments/list-environments";
import { planUpgrade } from "../lib/environments/plan-upgrade";
import { requestEnvironment } from "../lib/environments/request-environment";
import { startUpgradeBatch, upgradeOnPublish } from "../lib/environments/upgrade-batches";
import { updateTemplate, setVersionDeprecated } from "../lib/templates/manage-template";
import { createTemplate, publishTemplateVersion } from "../lib/templates/publish-template-version";
import type { Caller } from "../lib/identity/caller";
import { failure, userWithRole } from "./helpers/callers";
import { createWorld, eventually, type World } from "./helpers/world";

let world: World;
let platform: Caller;
let viewer: Caller;

const group = (name: string, type = "t3.micro", count: string | number = 1) => `  - name: ${name}
    image: { owner: amazon, name: "al2023-ami-2023.*-x86_64", architecture: x86_64 }
    instanceType: ${type}
    count: ${typeof count === "number" ? count : `"${count}"`}
`;
const template = (groups: string, extra = "", lease = "{ default: 2h, max: 1d }") => `name: Upgrade box
lease: ${lease}
parameters:
  type: object
  properties:
    branch: { type: string, default: main }
${extra}instanceGroups:
${groups}outputs:
  web: "\${{ instances.web[0].privateIp }}"
`;
const REPLICAS = "    replicas: { type: integer, minimum: 1, maximum: 3, default: 1 }\n";

async function ready(environmentId: string, version: number) {
  return eventually(
    async () => {
      const env = await getEnvironment(world.db, world.developer, environmentId);
      if (env.state === "failed") throw new Error(env.failureReason ?? "failed");
      return env.state === "ready" && env.template.version === version && env.runs.every((r) => r.state !== "queued" && r.state !== "running") ? env : undefined;
    },
    { what: `environment on version ${version} to be ready`, timeoutMs: 30_000 },
  );
}

async function request(name: string, slug: string) {
  const requested = await requestEnvironment(world.db, world.developer, { name, template: slug, parameters: {} });
  await world.relay(requested.outbox);
  return requested.environmentId;
}

beforeAll(async () => {
  world = await createWorld();
  platform = await userWithRole(world.db, "plat@upgrades.local", "demo", "platform");
  viewer = await userWithRole(world.db, "viewer@upgrades.local", "demo", "viewer");
});
afterAll(async () => {
  await world?.close();
});

describe("upgrading one environment", () => {
  it("plans, then launches the new groups first, switches, and terminates only what was replaced or removed", async () => {
    await createTemplate(world.db, platform, { slug: "up-box", source: template(group("web") + group("cache") + group("old")) });
    const environmentId = await request("up-1", "up-box");
    const v1 = await ready(environmentId, 1);
    const before = new Map(v1.instances.map((i) => [i.group, i.cloudId]));

    await publishTemplateVersion(world.db, platform, {
      template: "up-box",
      source: template(group("web", "t3.small") + group("cache") + group("worker", "t3.micro", "${{ params.replicas }}"), REPLICAS, "{ default: 1h, max: 1h }"),
      changeNote: "bigger web, workers, no old",
    });
    expect((await getEnvironment(world.db, world.developer, environmentId)).updateAvailable).toEqual({ version: 2 });

    const { view: plan } = await planUpgrade(world.db, world.developer, { environmentId });
    expect(plan.from.version).toBe(1);
    expect(plan.to).toMatchObject({ version: 2, changeNote: "bigger web, workers, no old" });
    expect(plan.groups.map((g) => [g.name, g.change, g.differences])).toEqual([
      ["web", "replaced", ["instance type t3.micro → t3.small"]],
      ["cache", "unchanged", []],
      ["worker", "added", []],
      ["old", "removed", []],
    ]);
    expect(plan.parameters).toMatchObject({ added: [{ name: "replicas", value: 1 }], removed: [], changed: [], values: { branch: "main", replicas: 1 } });
    expect(plan.launches).toBe(2);
    expect(plan.terminations).toBe(2);
    // The new version allows at most 1 h: the lease is shortened to it.
    expect(new Date(plan.lease.newExpiresAt).getTime()).toBeLessThan(new Date(plan.lease.expiresAt).getTime());
    expect(plan.cost.toUsdPerHour).toBeGreaterThan(plan.cost.fromUsdPerHour);
    expect(plan.blockers).toEqual([]);

    const applied = await applyUpgrade(world.db, world.developer, { environmentId, parameters: { replicas: 2 } });
    await world.relay(applied.outbox);
    const v2 = await ready(environmentId, 2);

    const live = v2.instances.filter((i) => i.state === "running");
    expect(live.map((i) => i.group).sort()).toEqual(["cache", "web", "worker", "worker"]);
    expect(live.find((i) => i.group === "cache")!.cloudId).toBe(before.get("cache"));
    expect(live.find((i) => i.group === "web")!.cloudId).not.toBe(before.get("web"));
    expect(live.find((i) => i.group === "web")!.instanceType).toBe("t3.small");
    const retired = v2.instances.filter((i) => i.cloudId === before.get("web") || i.cloudId === before.get("old"));
    expect(retired.every((i) => i.state === "shutting-down" || i.state === "terminated")).toBe(true);
    expect(v2.parameters).toEqual({ branch: "main", replicas: 2 });
    expect(v2.outputs.web).toBe(live.find((i) => i.group === "web")!.privateIp);
    expect(v2.updateAvailable).toBeNull();
    // The template page's "which environments run which version" lists it under version 2 only.
    const onVersion = async (templateVersion: number) =>
      (await listEnvironments(world.db, world.developer, { limit: 50, state: "all", template: "up-box", templateVersion })).items.map((e) => e.id);
    expect(await onVersion(2)).toEqual([environmentId]);
    expect(await onVersion(1)).toEqual([]);
    const run = v2.runs.find((r) => r.id === applied.runId)!;
    expect(run.kind).toBe("update");
    expect(run.steps.map((s) => [s.name, s.state])).toEqual([
      ["resolve_images", "succeeded"],
      ["launch_instances", "succeeded"],
      ["wait_for_running", "succeeded"],
      ["switch_version", "succeeded"],
      ["terminate_old", "succeeded"],
      ["mark_ready", "succeeded"],
    ]);
    const audit = await world.db.auditEvent.findFirstOrThrow({ where: { targetId: environmentId, action: "environment.update" } });
    expect(audit.before).toMatchObject({ version: 1 });
    expect(audit.after).toMatchObject({ version: 2, runId: applied.runId, replaced: ["web"], added: ["worker"], removed: ["old"] });

    // Never backwards: an older version is refused at toVersion, and a bulk upgrade to it leaves this one out.
    const older = await failure(planUpgrade(world.db, world.developer, { environmentId, toVersion: 1 }));
    expect([older.status, older.issues[0]?.path]).toEqual([409, "toVersion"]);
    const backwards = await startUpgradeBatch(world.db, world.developer, { template: "up-box", toVersion: 1 });
    expect([backwards.batchId, backwards.queued, backwards.skipped]).toEqual([null, [], []]);

    // Nothing left to change: refused, nothing written.
    const runs = await world.db.run.count({ where: { environmentId } });
    expect((await failure(applyUpgrade(world.db, world.developer, { environmentId }))).status).toBe(409);
    expect(await world.db.run.count({ where: { environmentId } })).toBe(runs);

    // A new parameter value on the same version is an update too, replacing only what it changes.
    const more = await applyUpgrade(world.db, world.developer, { environmentId, parameters: { replicas: 3 } });
    expect(more.plan.groups.filter((g) => g.change !== "unchanged").map((g) => [g.name, g.differences])).toEqual([["worker", ["count 2 → 3"]]]);
    await world.relay(more.outbox);
    await eventually(async () => ((await world.db.run.findUniqueOrThrow({ where: { id: more.runId } })).state === "succeeded" ? true : undefined), { what: "update run" });
    const v2b = await ready(environmentId, 2);
    expect(v2b.instances.filter((i) => i.state === "running" && i.group === "worker")).toHaveLength(3);
  });

  it("undoes an update that fails before the switch: what it launched is terminated, the environment stays on its version", async () => {
    await createTemplate(world.db, platform, { slug: "undo-box", source: template(group("web")) });
    const environmentId = await request("undo-1", "undo-box");
    const v1 = await ready(environmentId, 1);
    // `extra` launches, then `web` is refused by the cloud for good (no such instance type).
    await publishTemplateVersion(world.db, platform, { template: "undo-box", source: template(group("extra") + group("web", "t3.galactic")) });
    const applied = await applyUpgrade(world.db, world.developer, { environmentId });
    await world.relay(applied.outbox);
    const run = await eventually(async () => {
      const row = await world.db.run.findUniqueOrThrow({ where: { id: applied.runId } });
      return row.state === "failed" ? row : undefined;
    }, { what: "the update to fail" });
    expect(run.failedStep).toBe("launch_instances");

    const env = await getEnvironment(world.db, world.developer, environmentId);
    expect(env.state).toBe("ready");
    expect(env.template.version).toBe(1);
    expect(env.failedStep).toBeNull();
    const launchedByUpdate = await world.db.instance.findMany({ where: { environmentId, launchedByRunId: applied.runId } });
    expect(launchedByUpdate.map((i) => i.groupName)).toEqual(["extra"]);
    expect(launchedByUpdate.every((i) => i.state === "shutting-down" || i.state === "terminated")).toBe(true);
    const original = env.instances.find((i) => i.cloudId === v1.instances[0]!.cloudId)!;
    expect(original.state).toBe("running");
    expect(env.outputs).toEqual(v1.outputs);
    const logs = await world.db.runLog.findMany({ where: { runId: applied.runId }, orderBy: { id: "asc" } });
    expect(logs.map((l) => l.message).join("\n")).toMatch(/was not completed and was undone: terminated what it launched \(i-[0-9a-f]+\)\. undo-1 stays on version 1/);
  });

  it("waits only for what it launched: a kept group's stopped instance does not hold the update", async () => {
    await createTemplate(world.db, platform, { slug: "stopped-box", source: template(group("web") + group("cache")) });
    const environmentId = await request("stopped-1", "stopped-box");
    const v1 = await ready(environmentId, 1);
    const cache = v1.instances.find((i) => i.group === "cache")!;
    // Someone stopped the cache in the console, and Hangar saw it.
    const ec2 = new EC2Client({ region: "us-east-1", endpoint: world.sandbox.url, credentials: { accessKeyId: SANDBOX_ACCESS_KEY_ID, secretAccessKey: SANDBOX_SECRET_ACCESS_KEY } });
    await ec2.send(new StopInstancesCommand({ InstanceIds: [cache.cloudId] }));
    await world.db.instance.update({ where: { id: cache.id }, data: { state: "stopped" } });
    await publishTemplateVersion(world.db, platform, { template: "stopped-box", source: template(group("web", "t3.small") + group("cache")) });
    const applied = await applyUpgrade(world.db, world.developer, { environmentId });
    await world.relay(applied.outbox);
    const v2 = await ready(environmentId, 2);
    expect(v2.instances.find((i) => i.cloudId === cache.cloudId)?.state).toBe("stopped");
    expect(v2.instances.filter((i) => i.group === "web" && i.state === "running").map((i) => i.instanceType)).toEqual(["t3.small"]);
  });

  it("carries a secret parameter over without ever showing it: not on the environment, in the plan or in the audit", async () => {
    const secret = "    apiToken: { type: string, writeOnly: true }\n";
    await createTemplate(world.db, platform, { slug: "secret-box", source: template(group("web"), secret) });
    const requested = await requestEnvironment(world.db, world.developer, { name: "secret-1", template: "secret-box", parameters: { apiToken: "tok-123" } });
    await world.relay(requested.outbox);
    const environmentId = requested.environmentId;
    expect((await ready(environmentId, 1)).parameters).toEqual({ branch: "main", apiToken: "(hidden)" });
    await publishTemplateVersion(world.db, platform, { template: "secret-box", source: template(group("web", "t3.small"), secret) });

    const { view } = await planUpgrade(world.db, world.developer, { environmentId });
    expect(view.parameters.values).toEqual({ branch: "main", apiToken: "(hidden)" });
    const applied = await applyUpgrade(world.db, world.developer, { environmentId });
    await world.relay(applied.outbox);
    await ready(environmentId, 2);
    expect((await world.db.environment.findUniqueOrThrow({ where: { id: environmentId } })).parameters).toEqual({ branch: "main", apiToken: "tok-123" });
    const audit = await world.db.auditEvent.findFirstOrThrow({ where: { targetId: environmentId, action: "environment.update" } });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain("tok-123");
  });

  it("refuses what cannot be upgraded, with the reason and the field", async () => {
    await createTemplate(world.db, platform, { slug: "refuse-box", source: template(group("web")) });
    const environmentId = await request("refuse-1", "refuse-box");
    await ready(environmentId, 1);

    // Only readers: may see the plan, not apply it.
    await publishTemplateVersion(world.db, platform, { template: "refuse-box", source: template(group("web", "t3.small")) });
    expect((await planUpgrade(world.db, viewer, { environmentId })).view.to.version).toBe(2);
    expect((await failure(applyUpgrade(world.db, viewer, { environmentId }))).status).toBe(403);

    // A deprecated target.
    await publishTemplateVersion(world.db, platform, { template: "refuse-box", source: template(group("web", "t3.medium")) });
    await setVersionDeprecated(world.db, platform, { template: "refuse-box", version: 2, deprecated: true });
    const deprecated = await failure(planUpgrade(world.db, world.developer, { environmentId, toVersion: 2 }));
    expect(deprecated.status).toBe(409);
    expect(deprecated.message).toMatch(/Version 2 of refuse-box is deprecated; upgrade to version 3 instead/);

    // A new required parameter without a default: the plan says which field is missing.
    await publishTemplateVersion(world.db, platform, { template: "refuse-box", source: template(group("web"), "    team_code: { type: string, minLength: 2 }\n  required: [team_code]\n") });
    const missing = await failure(planUpgrade(world.db, world.developer, { environmentId, toVersion: 4 }));
    expect(missing.status).toBe(400);
    expect(missing.issues).toEqual([{ path: "parameters.team_code", message: "is required" }]);
    const given = await planUpgrade(world.db, world.developer, { environmentId, toVersion: 4, parameters: { team_code: "ab" } });
    expect(given.view.parameters.added).toEqual([{ name: "team_code", value: "ab" }]);

    // A version that does not exist.
    const none = await failure(planUpgrade(world.db, world.developer, { environmentId, toVersion: 99 }));
    expect(none.status).toBe(404);
    expect(none.issues[0]?.path).toBe("toVersion");
  });
});

describe("upgrading many environments", () => {
  it("runs each environment's update as its own run, never more at once than the batch allows", async () => {
    await createTemplate(world.db, platform, { slug: "fleet-box", source: template(group("web")) });
    const ids = [await request("fleet-1", "fleet-box"), await request("fleet-2", "fleet-box"), await request("fleet-3", "fleet-box")];
    for (const id of ids) await ready(id, 1);
    await publishTemplateVersion(world.db, platform, { template: "fleet-box", source: template(group("web", "t3.small")) });

    const batch = await startUpgradeBatch(world.db, world.developer, { template: "fleet-box", concurrency: 1 });
    expect(batch.queued).toHaveLength(3);
    expect(batch.skipped).toEqual([]);
    let mostAtOnce = 0;
    const sampling = (async () => {
      for (;;) {
        const running = await world.db.run.count({ where: { batchId: batch.batchId, state: "running" } });
        mostAtOnce = Math.max(mostAtOnce, running);
        if ((await world.db.run.count({ where: { batchId: batch.batchId, state: { in: ["queued", "running"] } } })) === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    for (const job of batch.outbox) await world.relay(job);
    await sampling;
    for (const id of ids) await ready(id, 2);
    expect(mostAtOnce).toBe(1);
    const runs = await world.db.run.findMany({ where: { batchId: batch.batchId }, orderBy: { startedAt: "asc" } });
    // One after another: each started after the previous one finished.
    for (let i = 1; i < runs.length; i += 1) expect(runs[i]!.startedAt!.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finishedAt!.getTime());
    const audit = await world.db.auditEvent.findFirstOrThrow({ where: { action: "template.upgrade", targetId: (await world.db.template.findFirstOrThrow({ where: { slug: "fleet-box" } })).id }, orderBy: { at: "desc" } });
    expect(audit.after).toMatchObject({ batchId: batch.batchId, toVersion: 2, concurrency: 1, trigger: "manual", queued: 3, skipped: 0 });
  });

  it("upgrades every environment of a template whose policy is automatic when a version is published", async () => {
    await createTemplate(world.db, platform, { slug: "auto-box", source: template(group("web")) });
    const environmentId = await request("auto-1", "auto-box");
    await ready(environmentId, 1);
    const published = await publishTemplateVersion(world.db, platform, { template: "auto-box", source: template(group("web", "t3.small")) });
    expect(await upgradeOnPublish(world.db, platform, published.templateId, published.version)).toBeNull();

    await updateTemplate(world.db, platform, "auto-box", { upgradePolicy: "automatic" });
    const third = await publishTemplateVersion(world.db, platform, { template: "auto-box", source: template(group("web", "t3.medium")) });
    const batch = (await upgradeOnPublish(world.db, platform, third.templateId, third.version))!;
    expect(batch.queued.map((q) => [q.name, q.fromVersion])).toEqual([["auto-1", 1]]);
    for (const job of batch.outbox) await world.relay(job);
    const env = await ready(environmentId, 3);
    expect(env.instances.filter((i) => i.state === "running").map((i) => i.instanceType)).toEqual(["t3.medium"]);
  });
});
