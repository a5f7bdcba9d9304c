// An environment's upgrade, planned before anything is written: the target version (the newest
// one its team may request unless one is named), the parameters carried over (values of
// parameters the new version still has, its defaults for new ones, any given overrides; checked
// against its schema), the plan it resolves to, which groups are replaced, added, removed or
// kept, what happens to the lease, and the hourly cost before and after. Applying an upgrade
// plans it again under the environment's lock, so what runs is what was checked.
import type { Tx } from "../db/client";
import type { Environment } from "../db/generated/client";
import { priceOf } from "../cloud/prices/price-of";
import { Conflict, Invalid, NotFound } from "../errors";
import type { Caller } from "../identity/caller";
import { resolvePlan, type Plan } from "../templates/resolve-plan";
import type { TemplateSpec } from "../templates/template-spec";
import { HIDDEN_VALUE, isSecretParameter } from "../templates/secret-parameters";
import { validateParameters } from "../templates/validate-parameters";
import { assertLiveValues, type LiveCheckDeps } from "../templates/live-options/check-live-values";
import { diffParameters, diffPlans, type GroupChange, type ParameterChanges } from "./diff-plans";
import { findReadableEnvironment, findWritableEnvironment } from "./find-environment";
import { findRequestTargets } from "./request-targets";
import type { UpdateInput } from "./update-input";

export type UpgradeRequest = {
  environmentId: string;
  toVersion?: number | undefined;
  parameters?: Record<string, unknown> | undefined;
  /**
   * The cloud, to check parameters with live options against what it offers now (a 400 at
   * parameters.<name> otherwise). Without it (the folder sync at start) they are not checked
   * here; a value the cloud refuses then fails the update's launch, which undoes it.
   */
  live?: LiveCheckDeps | undefined;
};

export type UpgradePlan = {
  environment: { id: string; name: string; state: string };
  template: { id: string; slug: string };
  from: { version: number };
  to: { version: number; changeNote: string | null; publishedAt: Date };
  groups: GroupChange[];
  parameters: ParameterChanges & { values: Record<string, unknown> };
  lease: { from: { default: number; max: number }; to: { default: number; max: number }; expiresAt: Date; newExpiresAt: Date };
  cost: { fromUsdPerHour: number; toUsdPerHour: number; complete: boolean };
  /** Instances launched, and existing instances terminated once they run. */
  launches: number;
  terminations: number;
  /** False when the new version and parameters would change nothing. */
  changes: boolean;
  /** Why it cannot be applied right now (the environment is busy or not ready). */
  blockers: string[];
};

export type PlannedUpgrade = { view: UpgradePlan; input: UpdateInput; environment: Environment };

type VersionRow = { id: string; version: number; spec: TemplateSpec; changeNote: string | null; createdAt: Date; template: { id: string; slug: string } };

export async function planUpgrade(db: Tx, caller: Caller, request: UpgradeRequest, options: { forWrite?: boolean; now?: Date } = {}): Promise<PlannedUpgrade> {
  const environment = options.forWrite
    ? await findWritableEnvironment(db, caller, request.environmentId)
    : await findReadableEnvironment(db, caller, request.environmentId);
  return planUpgradeOf(db, environment, request, options.now ?? new Date());
}

/** The upgrade of an environment the caller was already authorized for (bulk upgrades select their own). */
export async function planUpgradeOf(db: Tx, environment: Environment, request: Omit<UpgradeRequest, "environmentId">, now = new Date()): Promise<PlannedUpgrade> {
  const current = (await db.templateVersion.findUniqueOrThrow({
    where: { id: environment.templateVersionId },
    select: { id: true, version: true, spec: true, changeNote: true, createdAt: true, template: { select: { id: true, slug: true } } },
  })) as unknown as VersionRow;
  const target = await targetVersion(db, environment, current, request.toVersion);
  return buildPlan(db, environment, current, target, request, now);
}

async function targetVersion(db: Tx, environment: Environment, current: VersionRow, toVersion: number | undefined): Promise<VersionRow> {
  const slug = current.template.slug;
  const targets = await findRequestTargets(db, { template: current.template.id, teamId: environment.teamId, ...(toVersion ? { version: toVersion } : {}) });
  if (!targets.template) throw new Conflict(`Template ${slug} is no longer shared with this environment's team, so it cannot be upgraded`);
  if (!targets.version) {
    if (toVersion) throw new NotFound(`toVersion: Template ${slug} has no version ${toVersion}`, [{ path: "toVersion", message: `${slug} has no version ${toVersion}` }]);
    throw new Conflict(`Template ${slug} has no version that can be requested (all are deprecated)`);
  }
  if (targets.version.deprecated && targets.version.version !== current.version) {
    const instead = targets.latestRequestable ? `; upgrade to version ${targets.latestRequestable} instead` : "";
    throw new Conflict(`toVersion: Version ${targets.version.version} of ${slug} is deprecated${instead}`, [{ path: "toVersion", message: `version ${targets.version.version} is deprecated${instead}` }]);
  }
  if (targets.version.version < current.version) {
    const message = `version ${targets.version.version} is older than version ${current.version}, which ${environment.name} runs; upgrades only move forward`;
    throw new Conflict(`toVersion: ${message}`, [{ path: "toVersion", message }]);
  }
  const row = await db.templateVersion.findUniqueOrThrow({ where: { id: targets.version.id }, select: { changeNote: true, createdAt: true } });
  return { id: targets.version.id, version: targets.version.version, spec: targets.version.spec, changeNote: row.changeNote, createdAt: row.createdAt, template: current.template };
}

async function buildPlan(db: Tx, environment: Environment, current: VersionRow, target: VersionRow, request: Omit<UpgradeRequest, "environmentId">, now: Date): Promise<PlannedUpgrade> {
  const overrides = request.parameters ?? {};
  const before = environment.parameters as Record<string, unknown>;
  const properties = Object.keys(((target.spec.parameters as { properties?: Record<string, unknown> }).properties ?? {}));
  const carried = Object.fromEntries(Object.entries(before).filter(([name]) => properties.includes(name)));
  const validated = validateParameters(target.spec.parameters, { ...carried, ...overrides });
  if (!validated.ok) {
    throw new Invalid(`The parameters do not fit version ${target.version}: ${validated.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, validated.issues);
  }
  if (request.live) await assertLiveValues(request.live, { schema: target.spec.parameters, values: validated.value, account: environment.cloudAccountId, region: environment.region });
  const team = await db.team.findUniqueOrThrow({ where: { id: environment.teamId }, select: { slug: true } });
  const resolved = resolvePlan(target.spec, { params: validated.value, env: { id: environment.id, name: environment.name, region: environment.region, team: team.slug } });
  if (!resolved.ok) throw new Invalid(`Version ${target.version} cannot be planned with these parameters: ${resolved.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, resolved.issues);

  const fromPlan = environment.plan as unknown as Plan;
  const groups = diffPlans(fromPlan, resolved.plan);
  const launch = groups.filter((g) => g.change === "replaced" || g.change === "added").map((g) => g.name);
  const retire = groups.filter((g) => g.change === "replaced" || g.change === "removed").map((g) => g.name);
  const parameters = diffParameters(before, validated.value);
  const terminations = retire.length === 0 ? 0 : await db.instance.count({ where: { environmentId: environment.id, groupName: { in: retire }, state: { notIn: ["terminated", "shutting-down"] } } });
  const newExpiresAt = new Date(Math.min(environment.expiresAt.getTime(), now.getTime() + target.spec.lease.max * 1000));
  const fromCost = hourlyCost(fromPlan, environment.region);
  const toCost = hourlyCost(resolved.plan, environment.region);

  const view: UpgradePlan = {
    environment: { id: environment.id, name: environment.name, state: environment.state },
    template: current.template,
    from: { version: current.version },
    to: { version: target.version, changeNote: target.changeNote, publishedAt: target.createdAt },
    groups,
    parameters: hideSecrets([current.spec.parameters, target.spec.parameters], { ...parameters, values: validated.value }),
    lease: { from: current.spec.lease, to: target.spec.lease, expiresAt: environment.expiresAt, newExpiresAt },
    cost: { fromUsdPerHour: fromCost.usd, toUsdPerHour: toCost.usd, complete: fromCost.complete && toCost.complete },
    launches: resolved.plan.groups.filter((g) => launch.includes(g.name)).reduce((sum, g) => sum + g.count, 0),
    terminations,
    changes: target.id !== current.id || launch.length > 0 || retire.length > 0 || parameters.added.length + parameters.removed.length + parameters.changed.length > 0,
    blockers: await blockers(db, environment),
  };
  const input: UpdateInput = {
    fromVersionId: current.id,
    fromVersion: current.version,
    toVersionId: target.id,
    toVersion: target.version,
    parameters: validated.value,
    plan: resolved.plan,
    launch,
    retire,
    expiresAt: newExpiresAt.toISOString(),
  };
  return { view, input, environment };
}

/** The plan is shown to everyone who may read the environment: secret values never are (a change still shows). */
function hideSecrets(schemas: Record<string, unknown>[], changes: UpgradePlan["parameters"]): UpgradePlan["parameters"] {
  const secret = (name: string) => schemas.some((schema) => isSecretParameter(schema, name));
  const shown = (name: string, value: unknown) => (secret(name) ? HIDDEN_VALUE : value);
  return {
    added: changes.added.map((p) => ({ name: p.name, value: shown(p.name, p.value) })),
    removed: changes.removed.map((p) => ({ name: p.name, value: shown(p.name, p.value) })),
    changed: changes.changed.map((p) => ({ name: p.name, from: shown(p.name, p.from), to: shown(p.name, p.to) })),
    values: Object.fromEntries(Object.entries(changes.values).map(([name, value]) => [name, shown(name, value)])),
  };
}

async function blockers(db: Tx, environment: Environment): Promise<string[]> {
  if (environment.state !== "ready") return [`${environment.name} is ${environment.state}; only a ready environment can be upgraded`];
  const busy = await db.run.findFirst({ where: { environmentId: environment.id, state: { in: ["queued", "running"] } }, select: { id: true, kind: true } });
  return busy ? [`A ${busy.kind} run (${busy.id}) is queued or running on ${environment.name}; wait for it to finish`] : [];
}

function hourlyCost(plan: Plan, region: string): { usd: number; complete: boolean } {
  let usd = 0;
  let complete = true;
  for (const group of plan.groups) {
    const price = priceOf(group.instanceType, region);
    if (price) usd += price.usdPerHour * group.count;
    else complete = false;
  }
  return { usd: Math.round(usd * 10_000) / 10_000, complete };
}
