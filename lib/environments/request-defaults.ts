// What the request form opens with, and why. One origin fills the parameters, in this order:
// the environment being requested again > the preset asked for > the caller's own last values
// (only those this version still accepts) > the schema's defaults. The lease and placement come
// from the environment requested again, else from the caller's last request, when still valid.
import { z } from "zod";
import type { Tx } from "../db/client";
import { callerTeamIds, usableAccountWhere } from "../cloud-accounts/account-access";
import { Conflict, invalidField, NotFound } from "../errors";
import type { Caller } from "../identity/caller";
import { teamIdsWith } from "../identity/permissions";
import { getTemplate, type TemplateDetail } from "../templates/list-templates";
import { validSubset } from "../templates/valid-subset";
import { findRequestAgainSource, type RequestAgainSource } from "./request-again-source";
import { readRequestMemory, type RememberedValues } from "./request-memory";

export type PrefillOrigin =
  | { kind: "again"; environment: { id: string; name: string }; fromVersion: number }
  | { kind: "preset"; preset: string; title: string }
  | { kind: "remembered"; updatedAt: Date }
  | { kind: "defaults" };

export type RequestDefaults = {
  template: { id: string; slug: string; version: number };
  origin: PrefillOrigin;
  /** A name for the new environment (request again: the source's name with the next free number). */
  name: string | null;
  /** Values for the parameters the origin has; the others take the schema's defaults. */
  parameters: Record<string, unknown>;
  /** Parameters the origin had that this version no longer accepts (they take their defaults). */
  dropped: string[];
  ttlSeconds: number | null;
  /** Team slug, cloud account id and region; null: the form's own default. */
  team: string | null;
  cloudAccount: string | null;
  region: string | null;
};

export const requestDefaultsQuerySchema = z
  .object({
    /** The template version (default: the newest that may be requested). */
    version: z.coerce.number().int().positive().max(2_147_483_647).optional(),
    preset: z.string().trim().min(1).max(40).optional(),
    /** An environment id: prefill with what it was requested with. */
    again: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

/** The version asked for takes no new requests; `latestRequestable` is the one to offer instead. */
export class NotRequestable extends Conflict {
  constructor(message: string, path: string, readonly latestRequestable: number | null) {
    super(message, [{ path, message }]);
  }
}

export async function getRequestDefaults(
  db: Tx,
  caller: Caller,
  input: { template?: string | undefined; version?: number | undefined; preset?: string | undefined; again?: string | undefined },
): Promise<{ template: TemplateDetail; defaults: RequestDefaults }> {
  const source = input.again ? await findRequestAgainSource(db, caller, input.again) : null;
  if (!source && !input.template) throw invalidField("template", "name a template, or an environment to request again");
  const templateRef = source?.templateId ?? input.template!;
  // Without a version: the environment's own, or the newest one that may be requested.
  const version = input.version ?? source?.version;
  const template = await getTemplate(db, caller, templateRef, version, { requestable: version === undefined });
  if (source && input.template && input.template !== template.id && input.template !== template.slug) {
    throw new NotFound(`again: environment ${source.environment.name} was not made from template ${input.template}`, [{ path: "again", message: "not made from this template" }]);
  }
  await requireRequestable(db, template, input.version === undefined && source ? "again" : "version");

  const spec = template.version.spec;
  const base = { template: { id: template.id, slug: template.slug, version: template.version.version }, name: null, dropped: [] as string[] };
  if (source) return { template, defaults: { ...base, ...fromSource(template, source) } };

  const memory = await readRequestMemory(db, caller.userId, template.id);
  const remembered = memory ? await stillValid(db, caller, template, memory.values) : null;
  const placement = { ttlSeconds: remembered?.ttlSeconds ?? null, team: remembered?.team ?? null, cloudAccount: remembered?.cloudAccount ?? null, region: remembered?.region ?? null };
  if (input.preset) {
    const preset = spec.presets?.[input.preset];
    if (!preset) {
      const names = Object.keys(spec.presets ?? {});
      throw invalidField("preset", `${template.slug} has no preset ${input.preset}${names.length ? ` (it has ${names.join(", ")})` : ""}`);
    }
    return { template, defaults: { ...base, ...placement, origin: { kind: "preset", preset: input.preset, title: preset.title ?? input.preset }, parameters: preset.parameters } };
  }
  if (memory && remembered && (Object.keys(remembered.parameters).length > 0 || remembered.dropped.length > 0 || placement.ttlSeconds !== null || placement.region !== null)) {
    return { template, defaults: { ...base, ...placement, origin: { kind: "remembered", updatedAt: memory.updatedAt }, parameters: remembered.parameters, dropped: remembered.dropped } };
  }
  return { template, defaults: { ...base, ...placement, origin: { kind: "defaults" }, parameters: {} } };
}

/** Archived templates and deprecated versions take no new requests: say which version does. */
async function requireRequestable(db: Tx, template: TemplateDetail, path: string): Promise<void> {
  if (template.archivedAt) throw new NotRequestable(`Template ${template.name} is archived and takes no new requests`, "template", null);
  if (!template.version.deprecatedAt) return;
  const latest = await db.templateVersion.findFirst({ where: { templateId: template.id, deprecatedAt: null }, orderBy: { version: "desc" }, select: { version: true } });
  const instead = latest ? `; version ${latest.version} is the newest you can request` : ", and no version of it can be requested";
  throw new NotRequestable(`Version ${template.version.version} of ${template.name} is deprecated and takes no new requests${instead}`, path, latest?.version ?? null);
}

function fromSource(template: TemplateDetail, source: RequestAgainSource) {
  const spec = template.version.spec;
  // On its own version the parameters are as they were (secrets aside); on a newer one, what still fits.
  const { kept, dropped } = validSubset(spec.parameters, source.parameters);
  return {
    origin: { kind: "again" as const, environment: source.environment, fromVersion: source.version },
    name: source.suggestedName,
    parameters: kept,
    dropped,
    ttlSeconds: source.ttlSeconds <= spec.lease.max ? source.ttlSeconds : null,
    team: source.teamSlug,
    cloudAccount: source.cloudAccountId,
    region: source.region,
  };
}

/** The remembered values this version, the caller's teams and the cloud accounts still accept. */
async function stillValid(db: Tx, caller: Caller, template: TemplateDetail, values: RememberedValues) {
  const { kept, dropped } = validSubset(template.version.spec.parameters, values.parameters);
  const team = values.teamId && teamIdsWith(caller, "environment:write").includes(values.teamId) ? caller.memberships.find((m) => m.teamId === values.teamId)!.teamSlug : null;
  // Only an account the caller's teams may still use (a share may have been withdrawn since).
  const account = values.cloudAccountId
    ? await db.cloudAccount.findFirst({ where: { AND: [{ id: values.cloudAccountId }, usableAccountWhere(callerTeamIds(caller))] }, select: { id: true, regions: true } })
    : null;
  return {
    parameters: kept,
    dropped,
    ttlSeconds: values.ttlSeconds !== undefined && values.ttlSeconds <= template.version.spec.lease.max ? values.ttlSeconds : null,
    team,
    cloudAccount: account?.id ?? null,
    region: account && values.region && account.regions.includes(values.region) ? values.region : null,
  };
}
