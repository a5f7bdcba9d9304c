// TerminateInstances, StopInstances and StartInstances. Each validates every instance before
// changing any (EC2 rejects the whole call on one bad id or state), then schedules transitions.
import { dropPublicIp } from "../engine/addresses";
import {
  scheduleTransitions,
  stateAt,
  userInitiatedReason,
  type InstanceRecord,
  type InstanceStateName,
} from "../engine/instance";
import { errors } from "../protocol/ec2-error";
import { itemSet, node } from "../protocol/xml";
import { stateXml } from "../render/instance-xml";
import { endOfValidation, requireInstanceIds, type ActionContext } from "./context";

interface StateChange {
  id: string;
  previous: InstanceStateName;
  current: InstanceStateName;
}

function changesXml(changes: readonly StateChange[]): string {
  return itemSet(
    "instancesSet",
    changes,
    (c) =>
      `<instanceId>${c.id}</instanceId>` +
      node("currentState", stateXml(c.current)) +
      node("previousState", stateXml(c.previous)),
  );
}

function releasePublicIp(ctx: ActionContext, instance: InstanceRecord, terminating: boolean): void {
  dropPublicIp(ctx.partition.addressScope(ctx.random, ctx.now), instance, terminating);
}

export function terminateInstances(ctx: ActionContext): string {
  const instances = requireInstanceIds(ctx);
  endOfValidation(ctx);
  const { now, random } = ctx;
  const changes = instances.map((instance): StateChange => {
    const previous = stateAt(instance, now);
    if (previous === "shutting-down" || previous === "terminated")
      return { id: instance.id, previous, current: previous };
    scheduleTransitions(instance, now, [
      ["shutting-down", 0],
      ["terminated", random.duration(ctx.config.timings.shuttingDownToTerminated)],
    ]);
    ctx.partition.markTerminating(instance);
    // Terminating disassociates the instance's Elastic IP; the address stays allocated.
    releasePublicIp(ctx, instance, true);
    instance.statusOkAt = null;
    instance.reason = userInitiatedReason(now);
    return { id: instance.id, previous, current: "shutting-down" };
  });
  ctx.state.changed();
  return changesXml(changes);
}

export function stopInstances(ctx: ActionContext): string {
  const instances = requireInstanceIds(ctx);
  ctx.params.bool("Force");
  ctx.params.bool("Hibernate");
  const { now, random } = ctx;
  for (const instance of instances) {
    const state = stateAt(instance, now);
    if (state === "pending" || state === "shutting-down" || state === "terminated") {
      throw errors.incorrectState(instance.id, "stopped");
    }
  }
  endOfValidation(ctx);
  const changes = instances.map((instance): StateChange => {
    const previous = stateAt(instance, now);
    if (previous !== "running") return { id: instance.id, previous, current: previous };
    scheduleTransitions(instance, now, [
      ["stopping", 0],
      ["stopped", random.duration(ctx.config.timings.stoppingToStopped)],
    ]);
    releasePublicIp(ctx, instance, false);
    instance.statusOkAt = null;
    instance.reason = userInitiatedReason(now);
    return { id: instance.id, previous, current: "stopping" };
  });
  ctx.state.changed();
  return changesXml(changes);
}

export function startInstances(ctx: ActionContext): string {
  const instances = requireInstanceIds(ctx);
  const { now, random } = ctx;
  for (const instance of instances) {
    const state = stateAt(instance, now);
    if (state === "stopping" || state === "shutting-down" || state === "terminated") {
      throw errors.incorrectState(instance.id, "started");
    }
  }
  endOfValidation(ctx);
  for (const instance of instances) {
    if (stateAt(instance, now) !== "stopped") continue;
    if (ctx.faults.capacityShortage(instance.zone, instance.instanceType)) {
      throw errors.capacity(instance.instanceType, instance.zone, []);
    }
  }
  const changes = instances.map((instance): StateChange => {
    const previous = stateAt(instance, now);
    if (previous !== "stopped") return { id: instance.id, previous, current: previous };
    const runningAfter = random.duration(ctx.config.timings.pendingToRunning);
    scheduleTransitions(instance, now, [
      ["pending", 0],
      ["running", runningAfter],
    ]);
    if (instance.associatePublicIp && instance.elasticAllocationId === null) {
      instance.publicIp = ctx.partition.ips.allocatePublic(random, ctx.region.publicIpPrefixes);
    }
    instance.statusOkAt = now + runningAfter + random.duration(ctx.config.timings.runningToStatusOk);
    instance.reason = "";
    return { id: instance.id, previous, current: "pending" };
  });
  ctx.state.changed();
  return changesXml(changes);
}
