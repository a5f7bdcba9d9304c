// JSON view of an instance for GET /_sandbox/instances: state plus every transition timestamp,
// so benchmarks can measure pending->running and terminate latencies exactly.
import { visiblePublicIp } from "../engine/addresses";
import { lastTransitionAt, stateAt, stateCodes, type InstanceRecord } from "../engine/instance";
import type { Partition } from "../engine/partition";

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function instanceView(partition: Partition, instance: InstanceRecord, now: number) {
  const state = stateAt(instance, now);
  return {
    account: partition.account,
    region: partition.region.name,
    ownerId: partition.ownerId,
    instanceId: instance.id,
    reservationId: instance.reservationId,
    state,
    stateCode: stateCodes[state],
    instanceType: instance.instanceType,
    imageId: instance.imageId,
    availabilityZone: instance.zone,
    privateIpAddress: state === "terminated" ? null : instance.privateIp,
    publicIpAddress: visiblePublicIp(instance, now),
    elasticIpAllocationId: instance.elasticAllocationId,
    behaviour: instance.behaviour,
    clientToken: instance.clientToken,
    tags: Object.fromEntries(instance.tags),
    launchTime: iso(instance.launchTime),
    runningAt: iso(lastTransitionAt(instance, "running", now)),
    stoppedAt: iso(lastTransitionAt(instance, "stopped", now)),
    terminatedAt: iso(lastTransitionAt(instance, "terminated", now)),
    statusOkAt:
      state === "running" && instance.statusOkAt !== null && instance.statusOkAt <= now
        ? iso(instance.statusOkAt)
        : null,
    /** Transitions that already happened, oldest first (epoch ms in `atMs`). */
    transitions: instance.timeline
      .filter((t) => t.at <= now)
      .map((t) => ({ state: t.state, at: iso(t.at), atMs: t.at })),
    /** Transitions scheduled in the future (e.g. `running` of a pending instance). */
    scheduled: instance.timeline.filter((t) => t.at > now).map((t) => ({ state: t.state, at: iso(t.at), atMs: t.at })),
  };
}
