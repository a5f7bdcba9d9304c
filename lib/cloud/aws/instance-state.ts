// Stop, start and terminate in batches of EC2's 1000-id limit. Terminate is idempotent: ids EC2
// no longer knows (already gone, or never existed) count as terminated, so a destroy retried
// after a crash completes instead of failing on what the first attempt already removed.
import { StartInstancesCommand, StopInstancesCommand, TerminateInstancesCommand, type EC2Client } from "@aws-sdk/client-ec2";
import { CloudError, isCloudError } from "../errors";
import type { StateChange } from "../provider";
import type { Call } from "./call";
import { instanceIdsInMessage } from "./map-error";
import { chunk, toStateChange } from "./to-cloud-instance";

const IDS_PER_REQUEST = 1000;

export async function stopInstances(client: EC2Client, call: Call, ids: string[]): Promise<StateChange[]> {
  const changes: StateChange[] = [];
  for (const part of chunk([...new Set(ids)], IDS_PER_REQUEST)) {
    const output = await call("StopInstances", () => client.send(new StopInstancesCommand({ InstanceIds: part })));
    changes.push(...(output.StoppingInstances ?? []).map(toStateChange));
  }
  return changes;
}

export async function startInstances(client: EC2Client, call: Call, ids: string[]): Promise<StateChange[]> {
  const changes: StateChange[] = [];
  for (const part of chunk([...new Set(ids)], IDS_PER_REQUEST)) {
    const output = await call("StartInstances", () => client.send(new StartInstancesCommand({ InstanceIds: part })));
    changes.push(...(output.StartingInstances ?? []).map(toStateChange));
  }
  return changes;
}

// EC2's own format (8 or 17 hex digits), which EC2-compatible endpoints copy.
const INSTANCE_ID_FORMAT = /^i-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;

/**
 * Checked before batching: a malformed id would fail the whole coalesced TerminateInstances
 * call, i.e. every other caller in the batch, for one caller's mistake.
 */
export function assertInstanceIds(ids: string[], action: string): void {
  const malformed = ids.filter((id) => !INSTANCE_ID_FORMAT.test(id));
  if (malformed.length > 0) {
    throw new CloudError({
      kind: "validation",
      code: "InvalidInstanceID.Malformed",
      action,
      message: `${action} refused: malformed instance id(s) ${malformed.map((id) => JSON.stringify(id)).join(", ")}`,
    });
  }
}

const isNotFound = (error: unknown): error is CloudError => isCloudError(error) && error.code === "InvalidInstanceID.NotFound";

/** Terminates distinct ids; returns one change per id. */
export async function terminateInstances(client: EC2Client, call: Call, ids: string[]): Promise<Map<string, StateChange>> {
  const changes = new Map<string, StateChange>();
  for (const part of chunk([...new Set(ids)], IDS_PER_REQUEST)) await terminateChunk(client, call, part, changes);
  return changes;
}

async function terminateChunk(client: EC2Client, call: Call, ids: string[], changes: Map<string, StateChange>): Promise<void> {
  let remaining = ids;
  while (remaining.length > 0) {
    try {
      const batch = remaining;
      const output = await call("TerminateInstances", () => client.send(new TerminateInstancesCommand({ InstanceIds: batch })));
      for (const change of (output.TerminatingInstances ?? []).map(toStateChange)) changes.set(change.id, change);
      return;
    } catch (error) {
      if (!isNotFound(error)) throw error;
      const missing = new Set(instanceIdsInMessage(error.message).filter((id) => remaining.includes(id)));
      if (missing.size === 0) {
        // The message named none of our ids: settle each id on its own rather than guess.
        if (remaining.length === 1) missing.add(remaining[0] as string);
        else {
          for (const id of remaining) await terminateChunk(client, call, [id], changes);
          return;
        }
      }
      for (const id of missing) changes.set(id, { id, currentState: "terminated" });
      remaining = remaining.filter((id) => !missing.has(id));
    }
  }
}
