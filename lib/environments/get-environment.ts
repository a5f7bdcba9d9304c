import type { Tx } from "../db/client";
import type { Caller } from "../identity/caller";
import { hasTeamPermission } from "../identity/permissions";
import { maskSecrets } from "../templates/secret-parameters";
import { findReadableEnvironment } from "./find-environment";
import { runViews, type RunView } from "../runs/run-view";

export type InstanceView = {
  id: string;
  cloudId: string;
  group: string;
  instanceType: string;
  state: string;
  availabilityZone: string | null;
  privateIp: string | null;
  publicIp: string | null;
  launchedAt: Date;
};

export async function getEnvironment(db: Tx, caller: Caller, environmentId: string) {
  const visible = await findReadableEnvironment(db, caller, environmentId);
  const environment = await db.environment.findUniqueOrThrow({
    where: { id: visible.id },
    include: {
      team: { select: { id: true, slug: true, name: true } },
      owner: { select: { id: true, name: true, email: true } },
      cloudAccount: { select: { id: true, name: true, provider: true } },
      templateVersion: { select: { id: true, version: true, spec: true, template: { select: { id: true, slug: true, name: true } } } },
      instances: { orderBy: [{ groupName: "asc" }, { launchedAt: "asc" }] },
      runs: {
        orderBy: { createdAt: "desc" },
        take: 20,
        include: { steps: { orderBy: { position: "asc" } }, requestedBy: { select: { email: true } } },
      },
    },
  });
  const canWrite = hasTeamPermission(caller, environment.teamId, "environment:write");
  const latest = await latestVersionFor(db, environment.templateVersion.template.id, environment.teamId);
  const runs: RunView[] = runViews(environment.runs, environment, canWrite);
  const instances: InstanceView[] = environment.instances.map((i) => ({
    id: i.id,
    cloudId: i.cloudId,
    group: i.groupName,
    instanceType: i.instanceType,
    state: i.state,
    availabilityZone: i.availabilityZone,
    privateIp: i.privateIp,
    publicIp: i.publicIp,
    launchedAt: i.launchedAt,
  }));
  return {
    id: environment.id,
    name: environment.name,
    state: environment.state,
    team: environment.team,
    owner: environment.owner,
    template: { ...environment.templateVersion.template, version: environment.templateVersion.version },
    /** A newer version the environment's team may move to ("update available"), or null. */
    updateAvailable: latest !== null && latest > environment.templateVersion.version && environment.state !== "destroyed" ? { version: latest } : null,
    cloudAccount: environment.cloudAccount,
    region: environment.region,
    /** What was requested; secret values (writeOnly or named like a secret) are never shown back. */
    parameters: maskSecrets(((environment.templateVersion.spec as { parameters?: Record<string, unknown> }).parameters ?? {}), environment.parameters as Record<string, unknown>),
    outputs: (environment.outputs as Record<string, string> | null) ?? {},
    failedStep: environment.failedStep,
    failureReason: environment.failureReason,
    expiresAt: environment.expiresAt,
    readyAt: environment.readyAt,
    destroyedAt: environment.destroyedAt,
    createdAt: environment.createdAt,
    canWrite,
    instances,
    runs,
  };
}

/** The newest version of the template the team may still use that is not deprecated. */
async function latestVersionFor(db: Tx, templateId: string, teamId: string): Promise<number | null> {
  const latest = await db.templateVersion.findFirst({
    where: {
      templateId,
      deprecatedAt: null,
      template: { OR: [{ sharedWithAll: true }, { ownerTeamId: teamId }, { teams: { some: { teamId } } }] },
    },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  return latest?.version ?? null;
}

export type EnvironmentDetail = Awaited<ReturnType<typeof getEnvironment>>;
