// SDK shapes -> provider shapes. Kept apart so launch and describe agree on one mapping.
import type { Instance, InstanceStateChange, Tag } from "@aws-sdk/client-ec2";
import { INSTANCE_STATES, type CloudInstance, type InstanceState, type StateChange } from "../provider";

export function tagsToRecord(tags: Tag[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) record[tag.Key] = tag.Value ?? "";
  return record;
}

/**
 * Sorted by key: a resend after a lost response must serialise byte-for-byte like the first
 * request (same ClientToken, same parameters), and a request read back from Postgres JSONB
 * does not keep the object's key order.
 */
export function recordToTags(tags: Record<string, string>): Tag[] {
  return Object.entries(tags)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([Key, Value]) => ({ Key, Value }));
}

function toState(name: string | undefined): InstanceState {
  // An unknown state is treated as pending: the poller looks again rather than acting on it.
  return (INSTANCE_STATES as readonly string[]).includes(name ?? "") ? (name as InstanceState) : "pending";
}

export function toCloudInstance(instance: Instance): CloudInstance {
  const result: CloudInstance = {
    id: instance.InstanceId ?? "",
    state: toState(instance.State?.Name),
    instanceType: instance.InstanceType ?? "",
    imageId: instance.ImageId ?? "",
    tags: tagsToRecord(instance.Tags),
  };
  // Only defined fields, so results compare cleanly and serialize without nulls.
  if (instance.Placement?.AvailabilityZone) result.availabilityZone = instance.Placement.AvailabilityZone;
  if (instance.PrivateIpAddress) result.privateIp = instance.PrivateIpAddress;
  if (instance.PublicIpAddress) result.publicIp = instance.PublicIpAddress;
  if (instance.PrivateDnsName) result.privateDns = instance.PrivateDnsName;
  if (instance.PublicDnsName) result.publicDns = instance.PublicDnsName;
  if (instance.LaunchTime) result.launchTime = instance.LaunchTime;
  if (instance.ClientToken) result.clientToken = instance.ClientToken;
  if (instance.StateReason?.Message) result.stateReason = instance.StateReason.Message;
  return result;
}

export function toStateChange(change: InstanceStateChange): StateChange {
  const result: StateChange = { id: change.InstanceId ?? "", currentState: toState(change.CurrentState?.Name) };
  if (change.PreviousState?.Name) result.previousState = toState(change.PreviousState.Name);
  return result;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
