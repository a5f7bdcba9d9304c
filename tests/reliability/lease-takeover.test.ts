// A worker frozen in the middle of a run (SIGSTOP: a long GC pause, a suspended VM) loses the
// run to another worker once its lease expires; when it wakes up it must notice at its next
// write and stop, leaving the run to the new holder: the run completes once, with one launch.
import { afterAll, describe, expect, it } from "vitest";
import { requestEnvironment } from "../../lib/environments/request-environment";
import { enqueueOutbox } from "../../lib/queue/outbox";
import type { Stack } from "../../scripts/services/process-stack";
import { useStack } from "./fleet";
import { eventually } from "../helpers/world";

const stackOf = useStack({ limits: "off", workers: 2, concurrency: 10 });
// Registered after the stack's hooks, so it runs before the stack closes.
afterAll(async () => {
  const workers = (() => {
    try {
      return stackOf().workers;
    } catch {
      return []; // the stack never started
    }
  })();
  for (const worker of workers) await worker.kill("SIGCONT");
});

describe("a worker that lost its run's lease", () => {
  it("stops at its next write when it wakes up, and the run completes once on the other worker", async () => {
    const stack = stackOf();
    const [a, b] = stack.workers as [Stack["workers"][number], Stack["workers"][number]];
    await b.stop();
    // The launch answers after 4 s: the worker is frozen while inside it.
    await stack.sandbox.configure({ faults: { latency: [{ action: "RunInstances", fixedMs: 4000 }] } });
    const requested = await requestEnvironment(stack.db, stack.caller, { name: "frozen", template: "web-dev", parameters: {}, ttl: "1h" });
    await enqueueOutbox(stack.queues.get, [requested.outbox]);
    await eventually(async () => ((await stack.db.cloudOperation.count({ where: { runId: requested.runId, state: "pending" } })) > 0 ? true : undefined), {
      what: "the launch to be sent",
    });
    expect((await stack.db.run.findUniqueOrThrow({ where: { id: requested.runId } })).leaseOwner).toMatch(new RegExp(`^${a.name}/`));

    const frozenAt = Date.now();
    await a.kill("SIGSTOP");
    await b.restart();
    await eventually(
      async () => ((await stack.db.run.findUniqueOrThrow({ where: { id: requested.runId } })).leaseOwner?.startsWith(`${b.name}/`) ? true : undefined),
      { timeoutMs: 30_000, what: "the other worker to take the run" },
    );
    const takeoverMs = Date.now() - frozenAt;
    await a.kill("SIGCONT");

    await eventually(async () => ((await stack.db.environment.findUniqueOrThrow({ where: { id: requested.environmentId } })).state === "ready" ? true : undefined), {
      timeoutMs: 30_000,
      what: "the environment to be ready",
    });
    await eventually(async () => (stack.output().some((line) => line.includes("another worker holds its lease now")) ? true : undefined), {
      timeoutMs: 15_000,
      what: "the frozen worker to say it stopped",
    });
    // Taken over within the lease (5 s) plus a stall check, not the old minute.
    expect(takeoverMs).toBeLessThan(12_000);
    const ops = await stack.db.cloudOperation.findMany({ where: { runId: requested.runId, action: "RunInstances" } });
    expect(ops.map((op) => op.state)).toEqual(["succeeded"]);
    const cloud = (await stack.sandbox.instances()).filter((i) => i.tags["hangar:env"] === requested.environmentId);
    expect(cloud).toHaveLength(1);
    expect(await stack.db.instance.count({ where: { environmentId: requested.environmentId } })).toBe(1);
    const run = await stack.db.run.findUniqueOrThrow({ where: { id: requested.runId } });
    expect(run.state).toBe("succeeded");
  }, 120_000);
});
