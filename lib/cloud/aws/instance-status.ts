// Status checks for many instances in few calls. DescribeInstanceStatus has no instance-id
// filter, so ids go in InstanceIds (100 per call, EC2's limit), and EC2 fails the whole call when
// one of them is unknown: those ids are dropped and the call sent again, so an instance that is
// gone (or not visible yet) is just absent from the answer, as in describeInstances.
import { DescribeInstanceStatusCommand, type EC2Client, type InstanceStatus } from "@aws-sdk/client-ec2";
import { isCloudError } from "../errors";
import { INSTANCE_STATES, type HealthCheckStatus, type InstanceHealth, type InstanceState } from "../provider";
import type { Call } from "./call";
import { instanceIdsInMessage } from "./map-error";
import { chunk } from "./to-cloud-instance";

const IDS_PER_REQUEST = 100;
const CHECK_STATUSES: readonly string[] = ["ok", "impaired", "initializing", "insufficient-data", "not-applicable"];

function toCheck(status: string | undefined): HealthCheckStatus {
  // An unknown value reads as insufficient-data: a health gate waits rather than passes.
  return CHECK_STATUSES.includes(status ?? "") ? (status as HealthCheckStatus) : "insufficient-data";
}

export function toInstanceHealth(status: InstanceStatus): InstanceHealth {
  const name = status.InstanceState?.Name ?? "";
  const state: InstanceState = (INSTANCE_STATES as readonly string[]).includes(name) ? (name as InstanceState) : "pending";
  return {
    id: status.InstanceId ?? "",
    state,
    systemStatus: toCheck(status.SystemStatus?.Status),
    instanceStatus: toCheck(status.InstanceStatus?.Status),
  };
}

async function describeChunk(client: EC2Client, call: Call, ids: string[]): Promise<InstanceHealth[]> {
  let remaining = ids;
  while (remaining.length > 0) {
    const InstanceIds = remaining;
    try {
      const output = await call("DescribeInstanceStatus", () =>
        client.send(new DescribeInstanceStatusCommand({ InstanceIds, IncludeAllInstances: true })),
      );
      return (output.InstanceStatuses ?? []).map(toInstanceHealth);
    } catch (error) {
      if (!isCloudError(error) || error.code !== "InvalidInstanceID.NotFound") throw error;
      const missing = new Set(instanceIdsInMessage(error.message));
      const left = remaining.filter((id) => !missing.has(id));
      // A message naming none of our ids would loop forever: fail with the cloud's error instead.
      if (left.length === remaining.length) throw error;
      remaining = left;
    }
  }
  return [];
}

export async function describeInstanceStatus(client: EC2Client, call: Call, ids: string[]): Promise<InstanceHealth[]> {
  const results: InstanceHealth[] = [];
  for (const batch of chunk([...new Set(ids)], IDS_PER_REQUEST)) results.push(...(await describeChunk(client, call, batch)));
  return results;
}
