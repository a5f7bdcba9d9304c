// roll_out, the heart of a deploy: for each batch of the strategy, launch the batch's new
// instances with the release in their user data (tagged hangar:release, out of service), wait for
// them to run, hold them at the health gate, then move traffic: the service's Elastic IPs move to
// them, they enter service (outputs point at them) and as many old instances leave it. A canary
// batch then bakes, and must still be healthy after. Old instances are terminated later
// (retire_old), so until the step is done a rollback only has to switch back.
//
// Everything it needs to resume is in Postgres: launches are found again in the launch ledger
// (one operation per batch, keyed `group#r<retry>b<batch>`), and a batch is done once its
// instances are in service. Progress saved with a park (gate failures so far, bake end) is only a
// convenience; losing it (a retry) restarts a gate's count or a bake, never repeats a launch.
import type { StepContext, StepOutcome } from "../../lib/runs/run-definition";
import { CloudFailure } from "../../lib/errors";
import { waitOverSql } from "../../lib/instances/instance-waits";
import type { Plan, PlannedGroup } from "../../lib/templates/resolve-plan";
import { parseDeployInput, type DeployInput } from "../../lib/deployments/deploy-input";
import { userDataWithRelease } from "../../lib/deployments/release-user-data";
import { batchesOf, type Batch } from "../../lib/deployments/strategy-batches";
import { checkGate, gateSummary } from "../../lib/deployments/health-gate";
import { ensureAddresses, pointAddresses, addressesOf } from "../../lib/deployments/service-addresses";
import { WAIT_GATE, WAIT_RUNNING } from "../../lib/deployments/gate-watcher";
import { deferGateResults, deferServiceChange, groupInstances, inService, instancesByIds, isGone, staleLaunchTokens, type GroupInstance } from "./deploy-instances";
import { launchFromStep, providerOf } from "./launch-steps";
import type { StepServices } from "./services";

type Ctx = StepContext<StepServices>;

export const RELEASE_TAG = "hangar:release";
/** How often a deploy looks at instances still starting if nothing wakes it first (the gate watcher does, once they run). */
const START_POLL_MS = 2000;

type Progress = { httpFailures?: Record<string, number>; gateSince?: Record<string, string>; bakeUntil?: Record<string, string>; baked?: number[] };

/** A failed health gate: the deploy rolls back. */
export class GateFailed extends CloudFailure {}

export function deployGroup(ctx: Ctx, input: DeployInput): PlannedGroup {
  const group = (ctx.environment.plan as unknown as Plan).groups.find((g) => g.name === input.service.group);
  if (!group) throw new CloudFailure(`${ctx.environment.name} has no instance group ${input.service.group} any more`);
  return group;
}

export async function rollOut(ctx: Ctx): Promise<StepOutcome> {
  const input = parseDeployInput(ctx.run.input);
  const progress: Progress = { ...((ctx.step.output ?? {}) as Progress) };
  if (input.rollback) {
    const switched = await switchBackToKeptSet(ctx, input);
    if (switched) return switched;
  }
  const batches = batchesOf(input.strategy, input.desired);
  for (const batch of batches) {
    const outcome = await advanceBatch(ctx, input, batch, batches.length, progress);
    if (outcome) return outcome;
  }
  const live = inService(await groupInstances(ctx, input.service.group)).filter((i) => i.launchedByRunId === ctx.run.id);
  ctx.log(`Release ${input.release.version} serves on ${live.length} instance(s): ${live.map((i) => i.cloudId).join(", ")}`);
  return { status: "done", output: { instances: live.map((i) => i.cloudId), batches: batches.length } };
}

/** Moves one batch on as far as it can; an outcome to return (a wait) or undefined when the batch is done. */
async function advanceBatch(ctx: Ctx, input: DeployInput, batch: Batch, total: number, progress: Progress): Promise<StepOutcome | undefined> {
  const label = `batch ${batch.index + 1} of ${total}`;
  const key = `${batch.index}`;
  const launched = await launchBatch(ctx, input, batch);
  if (launched.status === "wait") return launched;
  // The batch's rows in any state (a dead one included); missing only while not yet recorded.
  const recorded = await instancesByIds(ctx, launched.ids);
  const mine = launched.ids.map((id) => recorded.find((r) => r.cloudId === id));
  if (mine.some((r) => r === undefined)) {
    // Launched just now: the rows are written with the park, and the poller is told to look.
    ctx.saveProgress(progress);
    return { status: "wait", retryInMs: START_POLL_MS, reason: `${WAIT_RUNNING} ${label}'s instances to be running`, isOver: waitOverSql(ctx.environment.id, "running", ctx.run.id), afterPark: ctx.services.kickPoller };
  }
  const batchRows = mine as GroupInstance[];
  if (batchRows.every((r) => r.outOfServiceAt === null)) return bake(ctx, input, batch, batchRows, progress);
  const died = batchRows.filter(isGone);
  if (died.length > 0) throw new GateFailed(`${label}: ${died.map((r) => `${r.cloudId} (${r.state})`).join(", ")} stopped existing before it passed the health gate`);
  const since = Date.parse((progress.gateSince ??= {})[key] ?? (progress.gateSince[key] = new Date().toISOString()));
  const overdue = Date.now() - since > ctx.services.gateTimeoutMs;
  const starting = batchRows.filter((r) => r.state !== "running");
  if (starting.length > 0) {
    if (overdue) throw new GateFailed(`${label}: ${starting.map((r) => `${r.cloudId} (${r.state})`).join(", ")} not running after ${Math.round(ctx.services.gateTimeoutMs / 1000)} s`);
    ctx.saveProgress(progress);
    return { status: "wait", retryInMs: START_POLL_MS, reason: `${WAIT_RUNNING} ${label}'s instances to be running`, isOver: waitOverSql(ctx.environment.id, "running", ctx.run.id), afterPark: ctx.services.kickPoller };
  }

  const results = await gateOf(ctx, input, batch, batchRows, (progress.httpFailures ??= {}));
  const failed = gateSummary(results, "failed");
  if (failed) throw new GateFailed(`Health gate failed for ${label}: ${failed}`);
  const pending = results.filter((r) => r.state !== "passed");
  if (pending.length > 0) {
    if (overdue) throw new GateFailed(`Health gate timed out after ${Math.round(ctx.services.gateTimeoutMs / 1000)} s for ${label}: ${gateSummary(results, "pending")}`);
    ctx.saveProgress(progress);
    return { status: "wait", retryInMs: ctx.services.gateIntervalMs, reason: `${WAIT_GATE} (${label}): ${pending.length} instance(s) not healthy yet — ${pending[0]!.detail}` };
  }
  ctx.log(`Health gate passed for ${label}: ${results.map((r) => `${r.instanceId} (${r.detail})`).join("; ")}`);
  await moveTraffic(ctx, input, batch, batchRows, await groupInstances(ctx, input.service.group), batch.index === total - 1);
  return bake(ctx, input, batch, batchRows, progress);
}

/** The batch's health gate now, with the gate results recorded on the deployment. */
async function gateOf(ctx: Ctx, input: DeployInput, batch: Batch, rows: GroupInstance[], httpFailures: Record<string, number>) {
  const results = await checkGate({
    provider: await providerOf(ctx),
    health: (provider, ids) => ctx.services.health.health(provider, ids),
    instances: rows,
    healthCheck: input.healthCheck,
    batch: batch.index,
    httpFailures,
  });
  deferGateResults(ctx, input.deploymentId, results);
  return results;
}

function launchRound(ctx: Ctx) {
  return `r${ctx.run.retryCount}b`;
}

async function launchBatch(ctx: Ctx, input: DeployInput, batch: Batch): Promise<{ status: "done"; ids: string[] } | Extract<StepOutcome, { status: "wait" }>> {
  const group = deployGroup(ctx, input);
  const result = await launchFromStep(ctx, {
    groups: [{ ...group, count: batch.size, batch: `${launchRound(ctx)}${batch.index}`, userData: userDataWithRelease(group.userData, { ...input.release, service: input.service.name }) }],
    known: null,
    extraTags: { [RELEASE_TAG]: input.release.version, "hangar:service": input.service.name },
    release: { id: input.release.id },
  });
  if (result.status === "wait") return { status: "wait", retryInMs: result.retryInMs, resumeAt: result.resumeAt, reason: result.reason };
  return { status: "done", ids: Object.values(result.launched).flat() };
}

/** The batch passed its gate: addresses move to it, it enters service, as many old instances leave. */
async function moveTraffic(ctx: Ctx, input: DeployInput, batch: Batch, batchRows: GroupInstance[], rows: GroupInstance[], last: boolean) {
  // Old: in service and not launched by this round of the run (a retry's earlier round counts).
  const stale = await staleLaunchTokens(ctx);
  const old = inService(rows).filter((r) => r.launchedByRunId !== ctx.run.id || stale.has(r.clientToken));
  const leaving = input.strategy.type === "blue-green" || last ? old : old.slice(0, batch.size);
  const graceMs = input.strategy.type === "blue-green" ? input.strategy.graceMinutes * 60_000 : 0;
  const addressOf = new Map<string, string>();
  if (input.service.stableAddresses) {
    const provider = await providerOf(ctx);
    const addresses = await ensureAddresses(ctx, provider, input.service, input.desired);
    const newIds = new Set(batchRows.map((r) => r.cloudId));
    const liveIds = new Set(inService(rows).map((r) => r.cloudId));
    const leavingIds = new Set(leaving.map((r) => r.cloudId));
    // Addresses on leaving instances first, then free ones (on nothing, or on nothing in service).
    const free = [
      ...addresses.filter((a) => a.instanceId && leavingIds.has(a.instanceId)),
      ...addresses.filter((a) => !a.instanceId || (!liveIds.has(a.instanceId) && !newIds.has(a.instanceId))),
    ];
    const needing = batchRows.filter((r) => !addresses.some((a) => a.instanceId === r.cloudId));
    const moves = needing.slice(0, free.length).map((r, i) => ({ address: free[i]!, instanceId: r.cloudId }));
    await pointAddresses(ctx, provider, moves);
    for (const a of addresses) if (a.instanceId && a.publicIp && newIds.has(a.instanceId)) addressOf.set(a.instanceId, a.publicIp);
  }
  const outputs = await deferServiceChange(ctx, { into: batchRows.map((r) => r.cloudId), outOf: leaving.map((r) => r.cloudId), terminateAfter: new Date(Date.now() + graceMs), addressOf });
  await ctx.commit();
  ctx.log(
    `Traffic moved to batch ${batch.index + 1}: ${batchRows.map((r) => r.cloudId).join(", ")} in service${leaving.length > 0 ? `; ${leaving.map((r) => r.cloudId).join(", ")} out of service` : ""}` +
      (Object.keys(outputs).length > 0 ? `; outputs: ${Object.entries(outputs).map(([k, v]) => `${k}=${v}`).join(", ")}` : ""),
  );
}

/** A canary batch in service bakes, and must still pass the gate after. */
async function bake(ctx: Ctx, input: DeployInput, batch: Batch, batchRows: GroupInstance[], progress: Progress): Promise<StepOutcome | undefined> {
  if (!batch.bakeSeconds || progress.baked?.includes(batch.index)) return undefined;
  const key = `${batch.index}`;
  const until = Date.parse((progress.bakeUntil ??= {})[key] ?? (progress.bakeUntil[key] = new Date(Date.now() + batch.bakeSeconds * 1000).toISOString()));
  if (Date.now() < until) {
    ctx.saveProgress(progress);
    return { status: "wait", retryInMs: until - Date.now(), resumeAt: new Date(until), reason: `Canary baking: ${batchRows.length} instance(s) serve ${input.release.version} until ${new Date(until).toISOString()}` };
  }
  const results = await gateOf(ctx, input, batch, batchRows, {});
  const unhealthy = results.filter((r) => r.state !== "passed");
  if (unhealthy.length > 0 || batchRows.some(isGone)) throw new GateFailed(`The canary was not healthy after baking ${batch.bakeSeconds} s: ${unhealthy.map((r) => `${r.instanceId}: ${r.detail}`).join("; ")}`);
  ctx.log(`Canary baked ${batch.bakeSeconds} s and is still healthy; rolling out the rest`);
  (progress.baked ??= []).push(batch.index);
  ctx.saveProgress(progress);
  return undefined;
}

/**
 * A rollback inside a blue-green grace period: the release's previous set still runs (out of
 * service, not yet terminated), so it goes back into service without a launch.
 */
async function switchBackToKeptSet(ctx: Ctx, input: DeployInput): Promise<StepOutcome | undefined> {
  const rows = await groupInstances(ctx, input.service.group);
  const now = Date.now();
  const kept = rows.filter((r) => r.releaseId === input.release.id && r.outOfServiceAt !== null && r.terminateAfter !== null && r.terminateAfter.getTime() > now && r.state === "running");
  const current = inService(rows);
  // Nothing kept (the grace period is over, or it was not blue-green): a rollback launches.
  if (kept.length < input.desired) return undefined;
  const back = kept.slice(0, input.desired);
  const addressOf = new Map<string, string>();
  if (input.service.stableAddresses) {
    const provider = await providerOf(ctx);
    const addresses = (await addressesOf(ctx, input.service.id)).filter((a) => a.allocationId);
    const moves = addresses.slice(0, back.length).map((address, i) => ({ address, instanceId: back[i]!.cloudId }));
    await pointAddresses(ctx, provider, moves);
    for (const m of moves) if (m.address.publicIp) addressOf.set(m.instanceId, m.address.publicIp);
  }
  await deferServiceChange(ctx, { into: back.map((r) => r.cloudId), outOf: current.map((r) => r.cloudId), terminateAfter: new Date(), addressOf });
  // Written now: retire_old reads what left service, and the outputs must not share the step's
  // settling statement with its environment assignments.
  await ctx.commit();
  ctx.log(`Switched back to ${input.release.version}, kept for an instant rollback: ${back.map((r) => r.cloudId).join(", ")} in service again, no launch`);
  return { status: "done", output: { instances: back.map((r) => r.cloudId), instant: true } };
}
