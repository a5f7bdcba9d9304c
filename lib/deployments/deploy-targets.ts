// What the Deploy form offers for a service: its newest releases (newest first, the default) and
// the team's ready environments made from the service's template that run its instance group,
// each with the release live on it now.
import type { Tx } from "../db/client";
import type { Caller } from "../identity/caller";
import { hasTeamPermission } from "../identity/permissions";
import { hasGroup } from "../pipelines/stages";
import { findReadableService } from "../services/find-service";

const MAX_RELEASES = 100;

export type DeployTargets = {
  canDeploy: boolean;
  releases: { id: string; version: string; createdAt: Date }[];
  environments: { id: string; name: string; live: string | null }[];
};

export async function deployTargets(db: Tx, caller: Caller, serviceReference: string): Promise<DeployTargets> {
  const service = await findReadableService(db, caller, serviceReference);
  const [releases, environments] = await Promise.all([
    db.release.findMany({ where: { serviceId: service.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: MAX_RELEASES, select: { id: true, version: true, createdAt: true } }),
    db.environment.findMany({
      where: { teamId: service.teamId, destroyedAt: null, state: "ready", templateVersion: { templateId: service.templateId } },
      orderBy: { name: "asc" },
      take: 500,
      select: { id: true, name: true, plan: true },
    }),
  ]);
  const usable = environments.filter((environment) => hasGroup(environment, service.instanceGroup));
  // The newest succeeded deployment per environment is what runs there.
  const live = usable.length
    ? await db.deployment.findMany({
        where: { serviceId: service.id, environmentId: { in: usable.map((e) => e.id) }, state: "succeeded" },
        orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
        distinct: ["environmentId"],
        select: { environmentId: true, release: { select: { version: true } } },
      })
    : [];
  const liveOn = new Map(live.map((row) => [row.environmentId, row.release.version]));
  return {
    canDeploy: hasTeamPermission(caller, service.teamId, "environment:write"),
    releases,
    environments: usable.map(({ id, name }) => ({ id, name, live: liveOn.get(id) ?? null })),
  };
}
