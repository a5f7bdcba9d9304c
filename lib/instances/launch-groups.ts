// Launches every instance group of a run exactly once, within the cloud account's request budget,
// safely repeatable after a park, a wake-up (early or late), a retry or a crash at any point.
//
// What makes that hold, and what the model test (launch-groups.model.test.ts) checks:
// - The ledger (Postgres) is the memory: a group with a succeeded operation is done; a pending
//   operation is resent with its own ClientToken (EC2 returns the same instances); otherwise the
//   next candidate (type/zone) is tried as a new operation, recorded before it is sent.
// - A budget reservation is keyed by what it pays for: the run, the group and the attempt
//   number. Reserving that key again (after a park, a wake-up, a retry or a crash) returns the
//   same slot, and a reservation is spent by recording its operation, so one launch never takes
//   two tokens and no group's token can be thrown away by another group's progress.
// - Nothing else is carried between wake-ups: there is no state to get wrong.
import { isCloudError } from "../cloud/errors";
import type { CloudInstance, LaunchRequest, LaunchResult } from "../cloud/provider";
import { CloudFailure } from "../errors";
import type { PlannedGroup } from "../templates/resolve-plan";
import { launchCandidates } from "./launch-candidates";

/**
 * `round`: the run's retry count when the operation was recorded (a retry tries every candidate
 * again). `batch`: which of several launches of one group in a run this is (a deploy launches a
 * group in batches); absent when a run launches each group once.
 */
export type LaunchOpRequest = LaunchRequest & { group: string; round?: number; batch?: string };
/** A group to launch; `batch` names one of several launches of the same group in a run. */
export type LaunchGroup = PlannedGroup & { batch?: string };
export type LaunchOperation = { id: string; group: string; state: "pending" | "succeeded" | "failed"; request: LaunchOpRequest; instanceIds: string[] | null };

/** Where launches are remembered (Postgres in the engine, memory in the model test). */
export type LaunchLedger = {
  /** Every RunInstances operation of the run, oldest first. */
  operations(): Promise<LaunchOperation[]>;
  /** Records a new operation before it is sent (fenced: throws when the run was canceled or taken). */
  record(operation: LaunchOperation): Promise<void>;
  /** Proves the run is still ours right before a resend (fenced, like record). */
  confirm(): Promise<void>;
  /** The operation launched these instances (written with the step's next write). */
  launched(operation: LaunchOperation, result: LaunchResult): void;
  /**
   * The cloud refused the operation for good: written at once, so the next attempt's budget
   * reservation is never made for an attempt a crash would then forget.
   */
  refused(operation: LaunchOperation, message: string): Promise<void>;
};

export type LaunchCloud = {
  /** ms until the request paid by `key` may be sent (the same slot every time for one key). */
  reserve(key: string): Promise<number>;
  /** `prepaid`: the first request spends the reservation instead of waiting for a token. */
  launch(request: LaunchRequest, options: { prepaid: boolean }): Promise<LaunchResult>;
};

export type LaunchGroupsInput = {
  runId: string;
  /** How many times the run was retried: each retry may try every candidate again. */
  round: number;
  groups: LaunchGroup[];
  /** Image id per group. */
  images: Record<string, string>;
  ledger: LaunchLedger;
  cloud: LaunchCloud;
  /** A new request for a candidate (ClientToken, tags...). */
  buildRequest: (group: PlannedGroup, imageId: string, candidate: { instanceType: string; zone?: string }) => LaunchOpRequest;
  newId: () => string;
  log: (message: string, level?: "info" | "warn") => void;
  /** Waits up to this long in the worker slot; longer waits park the run. */
  parkAfterMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

export type LaunchGroupsResult =
  | { status: "done"; launched: Record<string, string[]> }
  /** `operations`: the ledger as of the park; valid as long as nothing else records (the run is parked). */
  | { status: "wait"; retryInMs: number; resumeAt: Date; reason: string; operations: LaunchOperation[] };

export function reservationKey(runId: string, group: string, attempt: number): string {
  return `${runId}:RunInstances:${group}:${attempt}`;
}

/** What identifies a launch of a group in its run: the group, and the batch when there are several. */
const launchKey = (group: string, batch: string | undefined) => (batch === undefined ? group : `${group}#${batch}`);

export async function launchGroups(input: LaunchGroupsInput): Promise<LaunchGroupsResult> {
  const now = input.now ?? Date.now;
  const sleep = input.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const operations = await input.ledger.operations();
  const launched: Record<string, string[]> = {};

  for (const group of input.groups) {
    const imageId = input.images[group.name];
    if (!imageId) throw new Error(`resolve_images recorded no image for group ${group.name}`);
    const candidates = launchCandidates(group);
    const key = launchKey(group.name, group.batch);
    for (;;) {
      const ofGroup = operations.filter((op) => launchKey(op.group, op.request.batch) === key);
      const done = ofGroup.find((op) => op.state === "succeeded");
      if (done) {
        launched[key] = done.instanceIds ?? [];
        break;
      }
      let operation = ofGroup.find((op) => op.state === "pending");
      let prepaid = false;
      if (operation) {
        // Sent before (the answer was lost, or the worker died): the same request again.
        await input.ledger.confirm();
        input.log(`Resending the recorded launch for group ${group.name} with the same client token ${operation.request.clientToken}`);
      } else {
        const attempt = ofGroup.length;
        const candidate = candidates[ofGroup.filter((op) => (op.request.round ?? 0) === input.round).length];
        if (!candidate) {
          throw new CloudFailure(`No capacity for group ${group.name}: tried ${candidates.map((c) => `${c.instanceType}${c.zone ? ` in ${c.zone}` : ""}`).join(", ")}`);
        }
        // EC2 refills RunInstances at 2/s per account and region: take this launch's place in
        // that line (or find the place it already has), and park if it is far off.
        const waitMs = await input.cloud.reserve(reservationKey(input.runId, key, attempt));
        if (waitMs > input.parkAfterMs) {
          return {
            status: "wait",
            retryInMs: waitMs,
            resumeAt: new Date(now() + waitMs),
            reason: `Queued for the cloud account's launch budget (EC2 allows about 2 launches per second) to launch group ${group.name}`,
            operations,
          };
        }
        if (waitMs > 0) await sleep(waitMs);
        operation = { id: input.newId(), group: group.name, state: "pending", request: { ...input.buildRequest(group, imageId, candidate), round: input.round, ...(group.batch === undefined ? {} : { batch: group.batch }) }, instanceIds: null };
        await input.ledger.record(operation);
        operations.push(operation);
        prepaid = true;
        const { request } = operation;
        input.log(`Launching ${request.count} × ${request.instanceType} for group ${group.name}${request.availabilityZone ? ` in ${request.availabilityZone}` : ""} (client token ${request.clientToken})`);
      }
      if (await send(input, operation, prepaid)) {
        launched[key] = operation.instanceIds ?? [];
        break;
      }
    }
  }
  return { status: "done", launched };
}

/** Sends one operation; true when it launched, false when the candidate had no capacity. */
async function send(input: LaunchGroupsInput, operation: LaunchOperation, prepaid: boolean): Promise<boolean> {
  const { group: _group, round: _round, batch: _batch, ...request } = operation.request;
  try {
    const result = await input.cloud.launch(request, { prepaid });
    operation.state = "succeeded";
    operation.instanceIds = result.instances.map((i) => i.id);
    input.ledger.launched(operation, result);
    input.log(`Group ${operation.group}: ${describe(result.instances)}`);
    return true;
  } catch (error) {
    if (isCloudError(error) && (error.kind === "capacity" || !error.retryable)) {
      operation.state = "failed";
      await input.ledger.refused(operation, error.message);
      if (error.kind !== "capacity") throw error;
      input.log(`No capacity for ${request.instanceType}${request.availabilityZone ? ` in ${request.availabilityZone}` : ""}: ${error.message}`, "warn");
      return false;
    }
    // Retryable: the operation stays pending and the retried job resends the same token.
    throw error;
  }
}

function describe(instances: CloudInstance[]): string {
  return `${instances.map((i) => i.id).join(", ")} ${instances.length === 1 ? "is" : "are"} ${instances[0]?.state ?? "pending"}`;
}
