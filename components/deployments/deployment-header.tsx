"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import type { Connection } from "../environments/types";
import { formatElapsed, humanize } from "../format";
import { strategySummary } from "../services/strategy-summary";
import { RelativeTime } from "../ui/relative-time";
import { StateBadge } from "../ui/state-badge";
import { queueText } from "../environments/run-timeline";
import type { DeploymentJson } from "./types";

const CONNECTION_TEXT: Record<Connection, string | null> = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…", ended: null, failed: "Live updates stopped; reload the page" };

/** Release from → to on the environment, its state, how, who and when, and the page's actions. */
export function DeploymentHeader({ deployment, connection, actions }: { deployment: DeploymentJson; connection: Connection; actions: ReactNode }) {
  const { service, release, fromRelease, environment } = deployment;
  const live = CONNECTION_TEXT[connection];
  return (
    <div className="mb-6 space-y-3">
      <div className="text-sm text-slate-500">
        <Link href="/deployments" className="hover:text-slate-900 hover:underline">
          Deployments
        </Link>
        <span aria-hidden> / </span>
        <Link href={`/services/${service.id}`} className="hover:text-slate-900 hover:underline">
          {service.name}
        </Link>
      </div>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight text-slate-900">
            <span>
              {service.name}{" "}
              <span className="font-mono">
                {fromRelease && <span className="text-slate-400">{fromRelease.version} → </span>}
                {release.version}
              </span>{" "}
              <span className="text-slate-500">on</span>{" "}
              <Link href={`/environments/${environment.id}`} className="hover:underline">
                {environment.name}
              </Link>
            </span>
            <StateBadge state={deployment.state} kind="deployment" />
            {deployment.rollbackOf && (
              <Link href={`/deployments/${deployment.rollbackOf.id}`} className="rounded bg-orange-50 px-2 py-0.5 text-xs font-medium text-orange-700 hover:underline">
                rolls back {deployment.rollbackOf.release.version}
              </Link>
            )}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {strategySummary(deployment.strategy)} · {humanize(deployment.source)} · by {deployment.requestedBy?.name ?? "Hangar"} ·{" "}
            <RelativeTime date={deployment.createdAt} />
            {deployment.durationMs !== null && <> · took {formatElapsed(deployment.durationMs)}</>}
            {deployment.state === "queued" && deployment.queuePosition !== null && <span data-testid="deployment-queue"> · {queueText(deployment.queuePosition)}</span>}
            {deployment.confirmedBy && <> · confirmed by {deployment.confirmedBy.name}</>}
            {live && (
              <span className="ml-2 text-xs text-slate-400" aria-live="polite">
                {live}
              </span>
            )}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-2">{actions}</div>
      </div>
    </div>
  );
}
