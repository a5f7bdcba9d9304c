// The versions an environment may move to (newer, not deprecated), each with its parameter
// schema and YAML, so the upgrade page can offer the choice and a field for every parameter.
import type { Tx } from "../db/client";
import type { Caller } from "../identity/caller";
import type { TemplateSpec } from "../templates/template-spec";
import { findReadableEnvironment } from "./find-environment";

export type UpgradeTarget = { version: number; changeNote: string | null; publishedAt: Date; parameters: Record<string, unknown>; source: string };

export async function upgradeTargets(db: Tx, caller: Caller, environmentId: string): Promise<{ fromVersion: number; targets: UpgradeTarget[] }> {
  const environment = await findReadableEnvironment(db, caller, environmentId);
  const current = await db.templateVersion.findUniqueOrThrow({ where: { id: environment.templateVersionId }, select: { templateId: true, version: true } });
  const rows = await db.templateVersion.findMany({
    where: { templateId: current.templateId, deprecatedAt: null, version: { gte: current.version } },
    orderBy: { version: "desc" },
    take: 50,
    select: { version: true, changeNote: true, createdAt: true, spec: true, source: true },
  });
  return {
    fromVersion: current.version,
    targets: rows.map((row) => ({
      version: row.version,
      changeNote: row.changeNote,
      publishedAt: row.createdAt,
      parameters: (row.spec as unknown as TemplateSpec).parameters ?? {},
      source: row.source,
    })),
  };
}
