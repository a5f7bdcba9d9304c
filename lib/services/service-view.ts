// What the API answers for a service: the row with its team, template, creator and newest
// release, and whether the caller may change it.
import type { Prisma } from "../db/generated/client";
import type { Caller } from "../identity/caller";
import { hasTeamPermission } from "../identity/permissions";
import type { HealthCheck, Strategy } from "./schemas";

export const serviceViewInclude = {
  team: { select: { id: true, slug: true, name: true } },
  template: { select: { id: true, slug: true, name: true } },
  createdBy: { select: { id: true, name: true, email: true } },
  releases: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { version: true, createdAt: true } },
  _count: { select: { releases: true } },
} satisfies Prisma.ServiceInclude;

type ServiceRow = Prisma.ServiceGetPayload<{ include: typeof serviceViewInclude }>;

export type ServiceView = {
  id: string;
  name: string;
  team: { id: string; slug: string; name: string };
  description: string;
  repositoryUrl: string | null;
  template: { id: string; slug: string; name: string };
  instanceGroup: string;
  healthCheck: HealthCheck;
  defaultStrategy: Strategy;
  /** Elastic IPs move to each release's instances. */
  stableAddresses: boolean;
  createdBy: { id: string; name: string; email: string } | null;
  createdAt: Date;
  updatedAt: Date;
  releaseCount: number;
  latestRelease: { version: string; createdAt: Date } | null;
  /** Whether CI can create releases through the signed webhook, and since when (never the secret). */
  webhook: { configured: boolean; rotatedAt: Date | null };
  canWrite: boolean;
};

export function serviceView(row: ServiceRow, caller: Caller): ServiceView {
  return {
    id: row.id,
    name: row.name,
    team: row.team,
    description: row.description,
    repositoryUrl: row.repositoryUrl,
    template: row.template,
    instanceGroup: row.instanceGroup,
    healthCheck: row.healthCheck as HealthCheck,
    defaultStrategy: row.defaultStrategy as Strategy,
    stableAddresses: row.stableAddresses,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    releaseCount: row._count.releases,
    latestRelease: row.releases[0] ?? null,
    webhook: { configured: row.webhookSecretRotatedAt !== null, rotatedAt: row.webhookSecretRotatedAt },
    canWrite: hasTeamPermission(caller, row.teamId, "environment:write"),
  };
}
