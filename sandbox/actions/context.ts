// What every EC2 action handler receives, and the shared validation helpers they use.
import type { Region } from "../catalog/regions";
import type { RuntimeConfigValues, ThrottleCategory } from "../config/schema";
import type { CloudState } from "../engine/cloud-state";
import type { Partition } from "../engine/partition";
import type { Random } from "../engine/random";
import type { InstanceRecord } from "../engine/instance";
import { errors } from "../protocol/ec2-error";
import type { QueryParams } from "../protocol/query-params";
import type { FaultInjector } from "../traffic/faults";

export interface ActionContext {
  params: QueryParams;
  /** Access key id of the caller; one account per access key. */
  account: string;
  region: Region;
  partition: Partition;
  now: number;
  random: Random;
  config: RuntimeConfigValues;
  faults: FaultInjector;
  state: CloudState;
}

/** Returns the inner XML of `<ActionResponse>` (after requestId). */
export type ActionHandler = (ctx: ActionContext) => string;

export interface ActionDefinition {
  category: ThrottleCategory;
  handle: ActionHandler;
}

export const INSTANCE_ID_RE = /^i-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** Called by handlers once validation passed: EC2 answers DryRunOperation only for valid requests. */
export function endOfValidation(ctx: ActionContext): void {
  if (ctx.params.bool("DryRun")) throw errors.dryRun();
}

/**
 * Resolves explicit instance ids the way EC2 does: malformed ids fail first, then every
 * well-formed id that is not visible is listed in one InvalidInstanceID.NotFound.
 */
export function resolveInstanceIds(ctx: ActionContext, ids: readonly string[]): InstanceRecord[] {
  for (const id of ids) if (!INSTANCE_ID_RE.test(id)) throw errors.instanceMalformed(id);
  const found: InstanceRecord[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const instance = ctx.partition.visible(id, ctx.now, ctx.config.retention.terminatedVisibleMs);
    if (instance === undefined) missing.push(id);
    else found.push(instance);
  }
  if (missing.length > 0) throw errors.instancesNotFound(missing);
  return found;
}

export function requireInstanceIds(ctx: ActionContext): InstanceRecord[] {
  const ids = ctx.params.list("InstanceId");
  if (ids.length === 0) throw errors.missing("InstanceId");
  if (ids.length > 1000) throw errors.invalidValue("The maximum number of instance IDs that can be specified is 1000.");
  return resolveInstanceIds(ctx, ids);
}
