"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { formatShort } from "../format";
import { cn } from "../ui/cn";
import { RelativeTime } from "../ui/relative-time";
import { StateBadge } from "../ui/state-badge";
import type { Connection, EnvironmentJson } from "./types";

const CONNECTION: Record<Connection, { text: string; dot: string }> = {
  connecting: { text: "Connecting…", dot: "bg-slate-300" },
  live: { text: "Live", dot: "bg-emerald-500 animate-pulse" },
  reconnecting: { text: "Reconnecting…", dot: "bg-amber-500" },
  ended: { text: "Final", dot: "bg-slate-300" },
  failed: { text: "Live updates stopped — reload the page", dot: "bg-red-500" },
};

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 truncate text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export function EnvironmentHeader({ environment, connection, actions }: { environment: EnvironmentJson; connection: Connection; actions: ReactNode }) {
  const live = CONNECTION[connection];
  const gone = environment.state === "destroyed";
  return (
    <header className="mb-6">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/environments" className="hover:text-slate-900 hover:underline">
          Environments
        </Link>
        <span className="mx-1.5" aria-hidden>/</span>
        <span className="text-slate-700">{environment.name}</span>
      </nav>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div className="flex min-w-0 items-center gap-3">
          <h1 className="truncate font-mono text-2xl font-semibold tracking-tight">{environment.name}</h1>
          <span role="status" aria-live="polite" aria-label={`State: ${environment.state.replace(/_/g, " ")}`} data-testid="environment-state">
            <StateBadge state={environment.state} className="text-sm" />
          </span>
          <span className="flex items-center gap-1.5 text-xs text-slate-500" title="Updates arrive without reloading">
            <span className={cn("size-2 rounded-full", live.dot)} aria-hidden />
            {live.text}
          </span>
        </div>
        <div className="flex items-center gap-2">{actions}</div>
      </div>
      <dl className="mt-5 grid grid-cols-2 gap-x-6 gap-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-xs sm:grid-cols-4 lg:grid-cols-7">
        <Meta label="Template">
          <Link href={`/templates/${environment.template.slug}`} className="hover:underline">
            {environment.template.name}
          </Link>
          <span className="text-slate-400">@{environment.template.version}</span>
        </Meta>
        <Meta label="Owner">
          <span title={environment.owner.email}>{environment.owner.name}</span>
        </Meta>
        <Meta label="Team">{environment.team.name}</Meta>
        <Meta label="Region">
          <span className="font-mono">{environment.region}</span>
        </Meta>
        <Meta label="Cloud account">
          {environment.cloudAccount.name} <span className="text-slate-400">({environment.cloudAccount.provider})</span>
        </Meta>
        <Meta label={gone ? "Destroyed" : "Expires"}>
          <RelativeTime date={gone ? environment.destroyedAt : environment.expiresAt} />
          {!gone && <span className="block truncate text-xs text-slate-500" suppressHydrationWarning>{formatShort(new Date(environment.expiresAt))}</span>}
        </Meta>
        <Meta label="Created">
          <RelativeTime date={environment.createdAt} />
        </Meta>
      </dl>
    </header>
  );
}
