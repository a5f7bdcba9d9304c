// The steps that start instances, shared by every kind of run that launches (provision launches
// the whole plan; update launches only the groups it replaces or adds): resolve the images,
// launch each group once within the account's launch budget (ClientToken recorded first, tags
// on create), and the ids launched.
import type { StepContext } from "../../lib/runs/run-definition";
import { CloudFailure } from "../../lib/errors";
import { launchGroups, type LaunchGroup, type LaunchOperation } from "../../lib/instances/launch-groups";
import { terminateEnvironmentInstances, type TerminateScope } from "../../lib/instances/terminate-environment-instances";
import { launchRequest, postgresLaunchLedger } from "../../lib/instances/launch-ledger";
import { newId } from "../../lib/db/ids";
import type { PlannedGroup } from "../../lib/templates/resolve-plan";
import type { StepServices } from "./services";

type Ctx = StepContext<StepServices>;
type ImageChoice = Record<string, string>;
/** The groups a run launches. */
export type GroupsOf = (ctx: Ctx) => PlannedGroup[];

export const providerOf = (ctx: Ctx) => ctx.services.providers.providerFor(ctx.environment.cloudAccountId, ctx.environment.region);

/** Terminate the environment's instances (or only those in `only`) from a step, with the step's writer. */
export async function terminateInstancesOf(ctx: Ctx, only?: TerminateScope) {
  return terminateEnvironmentInstances({
    db: ctx.db,
    provider: await providerOf(ctx),
    cloudAccountId: ctx.environment.cloudAccountId,
    environmentId: ctx.environment.id,
    runId: ctx.run.id,
    notFoundGraceMs: ctx.services.notFoundGraceMs,
    log: ctx.log,
    commit: ctx.commit,
    defer: ctx.defer,
    fresh: ctx.fresh,
    ...(only ? { only } : {}),
  });
}

export function resolveImagesStep(groupsOf: GroupsOf) {
  return async (ctx: Ctx) => {
    const cloud = await providerOf(ctx);
    const images: ImageChoice = {};
    for (const group of groupsOf(ctx)) {
      if ("id" in group.image) {
        images[group.name] = group.image.id;
        continue;
      }
      const { owner, name, architecture } = group.image;
      const newest = await ctx.services.images.resolve(cloud, ctx.environment.cloudAccountId, group.image);
      if (!newest) throw new CloudFailure(`No image in ${ctx.environment.region} matches owner ${owner} and name ${name}${architecture ? ` (${architecture})` : ""}`);
      images[group.name] = newest.id;
      ctx.log(`Group ${group.name}: using ${newest.id} (${newest.name})`);
    }
    return { status: "done" as const, output: images };
  };
}

/** Longer waits for the account's RunInstances budget park the run instead of holding a worker slot. */
const PARK_AFTER_MS = 1000;

type LaunchProgress = { operations: LaunchOperation[] };

/** The launch ledger when this execution already knows it (see LedgerScope.known), else null: read it. */
function knownOperations(ctx: Ctx): LaunchOperation[] | null {
  if (ctx.step.attempt === 1 && !ctx.step.resumed) return [];
  if (ctx.step.resumed) return (ctx.step.output as LaunchProgress | null)?.operations ?? null;
  return null;
}

/**
 * Launches groups from a step: the run's launch ledger (ClientTokens recorded first), the
 * account's launch budget, Hangar's tags. `extraTags` and `release` are a deploy's (the release
 * its instances run, written out of service).
 */
export async function launchFromStep(ctx: Ctx, options: { groups: LaunchGroup[]; known: LaunchOperation[] | null; extraTags?: Record<string, string>; release?: { id: string } }) {
  // Refused (the run fails, saying why) when the account is no longer shared with the environment's team.
  const cloud = await ctx.services.providers.providerForLaunch(ctx.environment.cloudAccountId, ctx.environment.region, ctx.environment.teamId);
  return launchGroups({
    runId: ctx.run.id,
    round: ctx.run.retryCount,
    groups: options.groups,
    images: ctx.outputOf<ImageChoice>("resolve_images") ?? {},
    ledger: postgresLaunchLedger({
      db: ctx.db,
      runId: ctx.run.id,
      environment: ctx.environment,
      cloudAccountId: ctx.environment.cloudAccountId,
      region: cloud.region,
      commit: ctx.commit,
      defer: ctx.defer,
      known: options.known,
      ...(options.release ? { release: options.release } : {}),
    }),
    cloud: {
      reserve: (key) => cloud.reserveRequest("RunInstances", key),
      launch: async (request, options) => {
        await ctx.fresh();
        return cloud.launch(request, options);
      },
    },
    buildRequest: (group, imageId, candidate) => {
      const request = launchRequest(ctx.run, ctx.environment, group, imageId, candidate);
      return options.extraTags ? { ...request, tags: { ...request.tags, ...options.extraTags } } : request;
    },
    newId,
    log: ctx.log,
    parkAfterMs: PARK_AFTER_MS,
  });
}

export function launchInstancesStep(groupsOf: GroupsOf) {
  return async (ctx: Ctx) => {
    const result = await launchFromStep(ctx, { groups: groupsOf(ctx), known: knownOperations(ctx) });
    if (result.status === "wait") {
      ctx.log(`${result.reason}: launching in ~${Math.ceil(result.retryInMs / 1000)} s`);
      ctx.saveProgress({ operations: result.operations } satisfies LaunchProgress);
      return result;
    }
    return { status: "done" as const, output: result.launched };
  };
}

/** Cloud ids the run's launch step started. */
export function launchedIds(ctx: Ctx): string[] {
  return Object.values(ctx.outputOf<Record<string, string[]>>("launch_instances") ?? {}).flat();
}
