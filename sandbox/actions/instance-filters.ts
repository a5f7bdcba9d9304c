// DescribeInstances filters (and the candidate narrowing that keeps lookups by id or ClientToken
// O(k) instead of a scan of every instance in the partition).
import { visiblePublicIp } from "../engine/addresses";
import { isVisible, stateAt, stateCodes, type InstanceRecord } from "../engine/instance";
import type { Partition } from "../engine/partition";
import type { FieldReader, FilterResolver } from "../protocol/filters";
import type { Filter } from "../protocol/query-params";

export function instanceFilterResolver(partition: Partition, now: number): FilterResolver<InstanceRecord> {
  const fixed: Record<string, FieldReader<InstanceRecord>> = {
    "instance-state-name": (i) => stateAt(i, now),
    "instance-state-code": (i) => String(stateCodes[stateAt(i, now)]),
    "instance-id": (i) => i.id,
    "tag-key": (i) => [...i.tags.keys()],
    "tag-value": (i) => [...i.tags.values()],
    "availability-zone": (i) => i.zone,
    "instance-type": (i) => i.instanceType,
    "client-token": (i) => i.clientToken,
    "reservation-id": (i) => i.reservationId,
    "image-id": (i) => i.imageId,
    architecture: (i) => i.architecture,
    "vpc-id": (i) => (stateAt(i, now) === "terminated" ? undefined : i.vpcId),
    "subnet-id": (i) => (stateAt(i, now) === "terminated" ? undefined : i.subnetId),
    "private-ip-address": (i) => (stateAt(i, now) === "terminated" ? undefined : i.privateIp),
    "ip-address": (i) => visiblePublicIp(i, now),
    "key-name": (i) => i.keyName,
    "owner-id": () => partition.ownerId,
  };
  return (name) => {
    if (name.startsWith("tag:") && name.length > 4) {
      const key = name.slice(4);
      return (i) => i.tags.get(key);
    }
    return fixed[name];
  };
}

const hasWildcard = (values: readonly string[]): boolean => values.some((v) => /[*?\\]/.test(v));

/**
 * A small candidate set when an exact `instance-id` or `client-token` filter allows it, in seq
 * order; undefined means "scan the partition".
 */
export function narrowCandidates(
  partition: Partition,
  filters: readonly Filter[],
  now: number,
  terminatedVisibleMs: number,
): InstanceRecord[] | undefined {
  const byId = filters.find((f) => f.name === "instance-id" && !hasWildcard(f.values));
  if (byId !== undefined) {
    const found = new Set(byId.values.flatMap((id) => partition.visible(id, now, terminatedVisibleMs) ?? []));
    return [...found].sort((a, b) => a.seq - b.seq);
  }
  const byToken = filters.find((f) => f.name === "client-token" && !hasWildcard(f.values));
  if (byToken !== undefined) {
    return byToken.values
      .flatMap((token) => partition.byClientToken.get(token)?.instances ?? [])
      .filter((inst) => isVisible(inst, now, terminatedVisibleMs))
      .sort((a, b) => a.seq - b.seq);
  }
  return undefined;
}
