import type { Tx } from "../db/client";
import type { Caller } from "../identity/caller";
import { hasTeamPermission } from "../identity/permissions";
import { findReadableEnvironment } from "./find-environment";

export type RunStepView = { name: string; state: string; attempt: number; startedAt: Date | null; finishedAt: Date | null; error: string | null };
export type RunView = {
  id: string;
  kind: string;
  state: string;
  error: string | null;
  failedStep: string | null;
  requestedBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** For a queued run: how many runs of this environment are ahead of it. */
  queuePosition: number | null;
  steps: RunStepView[];
};
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
      templateVersion: { select: { id: true, version: true, template: { select: { id: true, slug: true, name: true } } } },
      instances: { orderBy: [{ groupName: "asc" }, { launchedAt: "asc" }] },
      runs: {
        orderBy: { createdAt: "desc" },
        take: 20,
        include: { steps: { orderBy: { position: "asc" } }, requestedBy: { select: { email: true } } },
      },
    },
  });
  const pendingRuns = environment.runs.filter((r) => r.state === "queued" || r.state === "running").sort((a, b) => +a.createdAt - +b.createdAt);
  const runs: RunView[] = environment.runs.map((run) => ({
    id: run.id,
    kind: run.kind,
    state: run.state,
    error: run.error,
    failedStep: run.failedStep,
    requestedBy: run.requestedBy?.email ?? null,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    queuePosition: run.state === "queued" ? pendingRuns.findIndex((r) => r.id === run.id) : null,
    steps: run.steps.map((s) => ({ name: s.name, state: s.state, attempt: s.attempt, startedAt: s.startedAt, finishedAt: s.finishedAt, error: s.error })),
  }));
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
    cloudAccount: environment.cloudAccount,
    region: environment.region,
    parameters: environment.parameters as Record<string, unknown>,
    outputs: (environment.outputs as Record<string, string> | null) ?? {},
    failedStep: environment.failedStep,
    failureReason: environment.failureReason,
    expiresAt: environment.expiresAt,
    readyAt: environment.readyAt,
    destroyedAt: environment.destroyedAt,
    createdAt: environment.createdAt,
    canWrite: hasTeamPermission(caller, environment.teamId, "environment:write"),
    instances,
    runs,
  };
}

export type EnvironmentDetail = Awaited<ReturnType<typeof getEnvironment>>;
