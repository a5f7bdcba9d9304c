// (A) The baseline Hangar is measured against: what a straightforward integration does — per
// environment, RunInstances, then a separate CreateTags, then one SDK waiter
// (waitUntilInstanceRunning, default 15 s minimum delay) each; destroy = TerminateInstances +
// waitUntilInstanceTerminated. Throttled calls are retried the way such code does (SDK
// standard retries, then the application's own backoff until they go through), so the baseline
// survives the same limits and is compared on the calls it needs, not on giving up.
import { randomUUID } from "node:crypto";
import { CreateTagsCommand, DescribeImagesCommand, EC2Client, RunInstancesCommand, TerminateInstancesCommand, waitUntilInstanceRunning, waitUntilInstanceTerminated } from "@aws-sdk/client-ec2";
import { summarize } from "../lib/stats";
import { totals } from "../../scripts/services/sandbox-admin";
import type { Stack } from "../../scripts/services/process-stack";
import { inParallel } from "./drive";
import type { LifecycleResult } from "./hangar-lifecycle";

async function untilNotThrottled<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof Error) || error.name !== "RequestLimitExceeded" || attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20_000, 500 * 2 ** attempt)));
    }
  }
}

export async function baselineLifecycle(stack: Stack, count: number): Promise<LifecycleResult> {
  const client = new EC2Client({ region: "us-east-1", endpoint: stack.sandboxUrl, credentials: stack.credentials, maxAttempts: 10, retryMode: "standard" });
  const image = (await client.send(new DescribeImagesCommand({ Owners: ["amazon"], Filters: [{ Name: "name", Values: ["al2023-ami-2023.*-x86_64"] }] }))).Images![0]!.ImageId!;
  await stack.sandbox.resetCounters();
  const started = Date.now();
  const ready: { id: string; requestedAt: number; readyAt: number }[] = [];
  let failed = 0;
  await inParallel(Array.from({ length: count }, (_, i) => i), count, async (i) => {
    const requestedAt = Date.now();
    try {
      const token = randomUUID();
      const launched = await untilNotThrottled(() => client.send(new RunInstancesCommand({ ImageId: image, InstanceType: "t3.micro", MinCount: 1, MaxCount: 1, ClientToken: token })));
      const id = launched.Instances![0]!.InstanceId!;
      await untilNotThrottled(() => client.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: "hangar:env", Value: `baseline-${i}` }, { Key: "hangar:managed-by", Value: "baseline" }] })));
      await waitUntilInstanceRunning({ client, maxWaitTime: 1800 }, { InstanceIds: [id] });
      ready.push({ id, requestedAt, readyAt: Date.now() });
    } catch (error) {
      failed += 1;
      console.error(`  baseline env ${i} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  const provisionWallMs = Date.now() - started;
  const runningAt = new Map((await stack.sandbox.instances()).map((i) => [i.instanceId, i.runningAt ? Date.parse(i.runningAt) : null]));
  const detection = ready.map((r) => r.readyAt - (runningAt.get(r.id) ?? r.readyAt));

  const destroyStarted = Date.now();
  await inParallel(ready, count, async ({ id }) => {
    await untilNotThrottled(() => client.send(new TerminateInstancesCommand({ InstanceIds: [id] })));
    await waitUntilInstanceTerminated({ client, maxWaitTime: 1800 }, { InstanceIds: [id] });
  });
  const destroyWallMs = Date.now() - destroyStarted;
  client.destroy();
  const calls = totals(await stack.sandbox.counters());
  return {
    environments: count,
    failed,
    calls,
    callsPerEnvironment: calls.total / count,
    detectionDelayMs: summarize(detection),
    requestToReadyMs: summarize(ready.map((r) => r.readyAt - r.requestedAt)),
    provisionWallMs,
    destroyWallMs,
  };
}
