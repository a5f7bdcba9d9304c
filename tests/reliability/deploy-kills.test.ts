// SIGKILL workers at random points while 12 ready environments (one- and two-group templates
// mixed) take deployments under EC2's request limits, with every strategy (rolling in batches of
// 1, blue-green, canary) and half the services on Elastic IPs. Every deployment ends succeeded
// with the group's planned count running the release: each batch launched once (one ClientToken
// per batch), the old set terminated, the other group untouched, and every address allocated
// once and associated with a live instance of the release.
import { DescribeAddressesCommand, EC2Client } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { requestDeployment } from "../../lib/deployments/request-deployment";
import { batchesOf } from "../../lib/deployments/strategy-batches";
import { createRelease } from "../../lib/releases/create-release";
import { createReleaseSchema } from "../../lib/releases/schemas";
import { createService } from "../../lib/services/create-service";
import { createServiceSchema, strategySchema } from "../../lib/services/schemas";
import { enqueueOutbox } from "../../lib/queue/outbox";
import { requestMix, startKilling, useStack, waitForAll } from "./fleet";

const stackOf = useStack({ limits: "aws", workers: 3, concurrency: 20 });
const DIGEST = `sha256:${"d".repeat(64)}`;
const STRATEGIES = [{ type: "rolling", batchSize: 1 }, { type: "blue-green", graceMinutes: 0 }, { type: "canary", count: 1, bakeSeconds: 1 }];

describe("workers killed while releases are deployed", () => {
  it("every deployment succeeds once: each batch launched once, old sets gone, addresses allocated once and on the release", async () => {
    const stack = stackOf();
    const envs = await requestMix(stack, 12, "dep");
    await waitForAll(stack.db, envs, "ready", 180_000);
    const services = new Map<string, { id: string; group: string; stable: boolean }>();
    for (const [template, group] of [["web-dev", "web"], ["service-stack", "app"]] as const) {
      for (const stable of [false, true]) {
        const svc = await createService(stack.db, stack.caller, createServiceSchema.parse({ name: `${group}-${stable ? "eip" : "plain"}`, template, instanceGroup: group, stableAddresses: stable }));
        for (const version of ["2.0.0", "2.1.0"]) {
          await createRelease(stack.db, stack.caller, { ...createReleaseSchema.parse({ version, artifact: `ghcr.io/acme/${group}:${version}@${DIGEST}` }), service: svc.id });
        }
        services.set(`${template}:${stable}`, { id: svc.id, group, stable });
      }
    }
    // Two rounds (the first onto provisioned instances, the second replacing the first's and
    // moving its addresses), each environment with another strategy in each round.
    const planOf = (round: number) =>
      envs.map((env, index) => {
        const template = "web" in env.expected ? "web-dev" : "service-stack";
        const svc = services.get(`${template}:${index % 4 < 2}`)!;
        const desired = env.expected[svc.group]!;
        const pick = (index + round) % 3;
        // A canary needs two instances; single-instance groups take rolling or blue-green.
        const strategy = strategySchema.parse(desired < 2 && pick === 2 ? STRATEGIES[0] : STRATEGIES[pick]);
        return { env, svc, desired, strategy };
      });

    const killer = startKilling(stack, 3);
    const rounds: { plan: ReturnType<typeof planOf>; deployments: string[] }[] = [];
    try {
      for (const [round, version] of ["2.0.0", "2.1.0"].entries()) {
        const plan = planOf(round);
        const deployments: string[] = [];
        for (const { env, svc, strategy } of plan) {
          const queued = await requestDeployment(stack.db, stack.caller, { service: svc.id, release: version, environment: env.environmentId, strategy });
          await enqueueOutbox(stack.queues.get, [queued.outbox!]);
          deployments.push(queued.deploymentId);
        }
        await waitForDeployments(stack, deployments, 300_000);
        rounds.push({ plan, deployments });
      }
    } finally {
      await killer.stop();
    }
    for (const { plan, deployments } of rounds) {
      for (const [index, { env, strategy, desired }] of plan.entries()) {
        const deployment = await stack.db.deployment.findUniqueOrThrow({ where: { id: deployments[index]! } });
        const launches = await stack.db.cloudOperation.count({ where: { runId: deployment.runId!, action: "RunInstances", state: "succeeded" } });
        expect(launches, `${env.environmentId}: launches recorded`).toBe(batchesOf(strategy, desired).length);
      }
    }
    const plan = rounds[1]!.plan;

    const cloud = await stack.sandbox.instances();
    const live = cloud.filter((i) => i.state !== "terminated" && i.state !== "shutting-down");
    const ec2 = new EC2Client({ endpoint: stack.sandboxUrl, region: "us-east-1", credentials: stack.credentials });
    for (const { env, svc, desired, strategy } of plan) {
      const mine = live.filter((i) => i.tags["hangar:env"] === env.environmentId);
      const ofGroup = mine.filter((i) => i.tags["hangar:group"] === svc.group);
      expect(ofGroup.length, `${env.environmentId}: ${svc.group} instances`).toBe(desired);
      expect(ofGroup.every((i) => i.tags["hangar:release"] === "2.1.0"), `${env.environmentId}: all on the release`).toBe(true);
      expect(new Set(ofGroup.map((i) => i.clientToken)).size, `${env.environmentId}: one launch per batch`).toBe(batchesOf(strategy, desired).length);
      if ("db" in env.expected) expect(mine.filter((i) => i.tags["hangar:group"] === "db").length, "the database is kept").toBe(1);
      const tagged = await ec2.send(new DescribeAddressesCommand({ Filters: [{ Name: "tag:hangar:env", Values: [env.environmentId] }] }));
      if (!svc.stable) {
        expect(tagged.Addresses ?? []).toEqual([]);
        continue;
      }
      expect(tagged.Addresses?.length, `${env.environmentId}: addresses allocated once`).toBe(desired);
      expect(new Set(tagged.Addresses?.map((a) => a.InstanceId)), `${env.environmentId}: addresses on the release`).toEqual(new Set(ofGroup.map((i) => i.instanceId)));
    }
    expect(killer.kills.length).toBeGreaterThanOrEqual(3);
  }, 600_000);
});

async function waitForDeployments(stack: ReturnType<typeof stackOf>, ids: string[], timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const rows = await stack.db.deployment.findMany({ where: { id: { in: ids } }, select: { state: true, reason: true } });
    const bad = rows.filter((r) => r.state === "failed" || r.state === "rolled_back" || r.state === "canceled");
    if (bad.length > 0) throw new Error(`${bad.length} deployment(s) ended ${bad[0]!.state}: ${bad[0]!.reason}`);
    if (rows.every((r) => r.state === "succeeded")) return;
    if (Date.now() - started > timeoutMs) throw new Error(`${rows.filter((r) => r.state === "succeeded").length}/${ids.length} deployments done after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
