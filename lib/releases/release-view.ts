// What the API answers for a release: immutable facts, with who created it.
import type { Prisma } from "../db/generated/client";
import type { ArtifactType } from "./schemas";

export const releaseViewInclude = {
  service: { select: { id: true, name: true } },
  createdBy: { select: { id: true, name: true, email: true } },
} satisfies Prisma.ReleaseInclude;

type ReleaseRow = Prisma.ReleaseGetPayload<{ include: typeof releaseViewInclude }>;

export type ReleaseView = {
  id: string;
  service: { id: string; name: string };
  version: string;
  artifact: { type: ArtifactType; reference: string };
  config: Record<string, string>;
  commitSha: string | null;
  changelog: string;
  createdBy: { id: string; name: string; email: string } | null;
  createdAt: Date;
};

export function releaseView(row: ReleaseRow): ReleaseView {
  return {
    id: row.id,
    service: row.service,
    version: row.version,
    artifact: { type: row.artifactType as ArtifactType, reference: row.artifact },
    config: row.config as Record<string, string>,
    commitSha: row.commitSha,
    changelog: row.changelog,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}
