// "Request again": the environment a new request copies (its template version, parameters,
// lease, team and placement) and a free name for the copy. Only someone who may create
// environments in its team may copy it: a viewer gets 403, another team's environment is 404.
import type { Tx } from "../db/client";
import type { Caller } from "../identity/caller";
import { findWritableEnvironment } from "./find-environment";

export type RequestAgainSource = {
  environment: { id: string; name: string };
  templateId: string;
  version: number;
  parameters: Record<string, unknown>;
  /** The lease the environment was requested with. */
  ttlSeconds: number;
  teamId: string;
  teamSlug: string;
  cloudAccountId: string;
  region: string;
  /** `<name>-2`, or the next number after the name's own (`web-3` -> `web-4`), free in the team. */
  suggestedName: string;
};

const MAX_NAME = 40;

export async function findRequestAgainSource(db: Tx, caller: Caller, environmentId: string): Promise<RequestAgainSource> {
  const environment = await findWritableEnvironment(db, caller, environmentId);
  const version = await db.templateVersion.findUniqueOrThrow({ where: { id: environment.templateVersionId }, select: { version: true, templateId: true } });
  const team = caller.memberships.find((m) => m.teamId === environment.teamId)!;
  return {
    environment: { id: environment.id, name: environment.name },
    templateId: version.templateId,
    version: version.version,
    parameters: (environment.parameters ?? {}) as Record<string, unknown>,
    ttlSeconds: Math.round((environment.expiresAt.getTime() - environment.createdAt.getTime()) / 1000),
    teamId: environment.teamId,
    teamSlug: team.teamSlug,
    cloudAccountId: environment.cloudAccountId,
    region: environment.region,
    suggestedName: await nextFreeName(db, environment.teamId, environment.name),
  };
}

/** The first `<base>-<n>` no live environment of the team uses (names are unique among live ones). */
export async function nextFreeName(db: Tx, teamId: string, name: string): Promise<string> {
  const numbered = /^(.*[^-])-(\d{1,6})$/.exec(name);
  const base = numbered ? numbered[1]! : name;
  const first = numbered ? Number(numbered[2]) + 1 : 2;
  const taken = new Set(
    (await db.environment.findMany({ where: { teamId, liveName: { startsWith: base.slice(0, MAX_NAME - 2) } }, select: { liveName: true } })).map((e) => e.liveName),
  );
  for (let n = first; ; n += 1) {
    const suffix = `-${n}`;
    // Shorten the base, not the number, and never leave a dash before the suffix's own.
    const candidate = `${base.slice(0, MAX_NAME - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
