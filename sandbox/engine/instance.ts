// An instance's lifecycle is a timeline of timestamped transitions, some of them in the future.
// The current state is read lazily from the clock, so there is no timer per instance and a
// restart from a snapshot resumes every transition exactly where it would have been.
import type { InstanceBehaviour } from "./user-data-markers";

export type InstanceStateName = "pending" | "running" | "shutting-down" | "terminated" | "stopping" | "stopped";

export const stateCodes: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  "shutting-down": 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export interface Transition {
  state: InstanceStateName;
  at: number;
}

export interface InstanceRecord {
  id: string;
  /** Launch order within the partition; Describe pages and NextToken positions use it. */
  seq: number;
  reservationId: string;
  imageId: string;
  instanceType: string;
  architecture: string;
  zone: string;
  zoneId: string;
  subnetId: string;
  vpcId: string;
  securityGroupIds: string[];
  privateIp: string;
  /** Whether the instance has a public address while running (from its subnet or the request). */
  associatePublicIp: boolean;
  publicIp: string | null;
  /** The Elastic IP associated with the instance (then `publicIp` is that address), or null. */
  elasticAllocationId: string | null;
  /** What the instance's user data markers ask the simulation to do (status checks, HTTP). */
  behaviour: InstanceBehaviour;
  networkInterfaceId: string;
  macAddress: string;
  volumeId: string;
  rootDeviceName: string;
  keyName: string | null;
  clientToken: string | null;
  launchTime: number;
  amiLaunchIndex: number;
  tags: Map<string, string>;
  /** Past and scheduled transitions, oldest first. Never empty. */
  timeline: Transition[];
  /** When status checks pass for the current run, or null while not running. */
  statusOkAt: number | null;
  /** EC2's stateTransitionReason, e.g. "User initiated (2026-11-23 10:00:00 GMT)". */
  reason: string;
  /** Set once terminate was requested; purge is computed from the terminated transition. */
  terminating: boolean;
  /** Removed from Describe results (retention elapsed); kept only for ClientToken replays. */
  purged: boolean;
}

const MAX_TIMELINE = 64;

export function currentTransition(instance: InstanceRecord, now: number): Transition {
  const timeline = instance.timeline;
  for (let i = timeline.length - 1; i > 0; i--) {
    const t = timeline[i] as Transition;
    if (t.at <= now) return t;
  }
  return timeline[0] as Transition;
}

export function stateAt(instance: InstanceRecord, now: number): InstanceStateName {
  return currentTransition(instance, now).state;
}

/**
 * Cancels transitions scheduled after `now`, then schedules `steps`: the first happens at `now`,
 * each next one after the given delay. Returns the time of the last step.
 */
export function scheduleTransitions(
  instance: InstanceRecord,
  now: number,
  steps: readonly [InstanceStateName, number][],
): number {
  const kept = instance.timeline.filter((t) => t.at <= now);
  let at = now;
  for (const [state, delayMs] of steps) {
    at += delayMs;
    kept.push({ state, at });
  }
  instance.timeline = kept.length > MAX_TIMELINE ? kept.slice(kept.length - MAX_TIMELINE) : kept;
  return at;
}

/** Time of the most recent transition into `state` that already happened, or null. */
export function lastTransitionAt(instance: InstanceRecord, state: InstanceStateName, now: number): number | null {
  for (let i = instance.timeline.length - 1; i >= 0; i--) {
    const t = instance.timeline[i] as Transition;
    if (t.at <= now && t.state === state) return t.at;
  }
  return null;
}

/** When the instance reached (or will reach) `terminated`, if it is on its way there. */
export function terminatedAt(instance: InstanceRecord): number | null {
  const last = instance.timeline[instance.timeline.length - 1];
  return last !== undefined && last.state === "terminated" ? last.at : null;
}

export function userInitiatedReason(now: number): string {
  const iso = new Date(now).toISOString();
  return `User initiated (${iso.slice(0, 10)} ${iso.slice(11, 19)} GMT)`;
}

export function isVisible(instance: InstanceRecord, now: number, terminatedVisibleMs: number): boolean {
  if (instance.purged) return false;
  const doneAt = instance.terminating ? terminatedAt(instance) : null;
  return doneAt === null || now < doneAt + terminatedVisibleMs;
}
