// What an upgrade will do, in the order a reviewer asks: which groups change and how, what
// happens to the parameters, the lease and the hourly cost, and what is launched and terminated.
import Link from "next/link";
import type { UpgradePlan } from "@/lib/environments/plan-upgrade";
import type { Jsonify } from "../../jsonify";
import { formatShort, formatUsd } from "../../format";
import { Alert } from "../../ui/alert";
import { cn } from "../../ui/cn";

export type UpgradePlanJson = Jsonify<UpgradePlan>;

const CHANGE_STYLE: Record<string, string> = {
  replaced: "bg-amber-100 text-amber-900",
  added: "bg-emerald-100 text-emerald-900",
  removed: "bg-red-100 text-red-800",
  unchanged: "bg-slate-100 text-slate-600",
};

const CHANGE_TEXT: Record<string, string> = {
  replaced: "Replaced",
  added: "Added",
  removed: "Removed",
  unchanged: "Kept",
};

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function hours(seconds: number): string {
  return seconds % 86_400 === 0 ? `${seconds / 86_400} d` : `${+(seconds / 3600).toFixed(2)} h`;
}

const usd = (value: number) => `${formatUsd(value)}/h`;

type Group = UpgradePlanJson["groups"][number];

function groupSummary(group: Group): string {
  const side = group.to ?? group.from;
  return side ? `${side.count} × ${side.instanceType}` : "";
}

export function PlanView({ plan }: { plan: UpgradePlanJson }) {
  const { parameters, lease } = plan;
  const leaseShortened = lease.newExpiresAt !== lease.expiresAt;
  const sameVersion = plan.from.version === plan.to.version;
  return (
    <div className="space-y-5" data-testid="upgrade-plan">
      <p className="text-sm text-slate-700">
        {sameVersion ? (
          <>Stays on version {plan.to.version}; only parameter values change.</>
        ) : (
          <>
            Version {plan.from.version} → {plan.to.version}
            {plan.to.changeNote && <span className="text-slate-500"> — “{plan.to.changeNote}”</span>}.{" "}
            <Link className="text-indigo-700 hover:underline" href={`/templates/${encodeURIComponent(plan.template.slug)}/diff?from=${plan.from.version}&to=${plan.to.version}`}>
              Compare the templates
            </Link>
          </>
        )}
      </p>
      {plan.blockers.map((blocker) => (
        <Alert key={blocker} tone="warning">
          {blocker}
        </Alert>
      ))}
      {!plan.changes && <Alert tone="info">Nothing would change: {plan.environment.name} already runs this version with these parameters.</Alert>}

      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-900">Instance groups</h3>
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-4 font-medium">Group</th>
              <th className="py-1 pr-4 font-medium">Change</th>
              <th className="py-1 pr-4 font-medium">Instances</th>
              <th className="py-1 font-medium">Why</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {plan.groups.map((group) => (
              <tr key={group.name} data-testid={`plan-group-${group.name}`}>
                <td className="py-1.5 pr-4 font-mono">{group.name}</td>
                <td className="py-1.5 pr-4">
                  <span className={cn("rounded px-1.5 py-0.5 text-xs font-medium", CHANGE_STYLE[group.change])}>{CHANGE_TEXT[group.change] ?? group.change}</span>
                </td>
                <td className="py-1.5 pr-4 font-mono text-xs">{groupSummary(group)}</td>
                <td className="py-1.5 text-slate-600">{group.differences.join("; ") || (group.change === "unchanged" ? "No change: its instances keep running" : "")}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-xs text-slate-500">
          {plan.launches} instance(s) launched first; once they run the outputs switch, then {plan.terminations} old instance(s) are terminated. If the launch fails, what
          it launched is terminated and the environment stays on version {plan.from.version}.
        </p>
      </div>

      <div className="grid gap-5 sm:grid-cols-2">
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Parameters</h3>
          <ul className="space-y-1 text-sm" data-testid="plan-parameters">
            {parameters.added.map((p) => (
              <li key={`a-${p.name}`}>
                <span className="font-mono">{p.name}</span> added: <span className="font-mono">{show(p.value)}</span>
              </li>
            ))}
            {parameters.changed.map((p) => (
              <li key={`c-${p.name}`}>
                <span className="font-mono">{p.name}</span>: <span className="font-mono">{show(p.from)}</span> → <span className="font-mono">{show(p.to)}</span>
              </li>
            ))}
            {parameters.removed.map((p) => (
              <li key={`r-${p.name}`}>
                <span className="font-mono">{p.name}</span> removed (was <span className="font-mono">{show(p.value)}</span>)
              </li>
            ))}
            {parameters.added.length + parameters.changed.length + parameters.removed.length === 0 && <li className="text-slate-500">No parameter changes.</li>}
          </ul>
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Lease and cost</h3>
          <dl className="space-y-1 text-sm">
            <div>
              <dt className="inline text-slate-500">Longest lease: </dt>
              <dd className="inline">
                {hours(lease.from.max)} → {hours(lease.to.max)}
              </dd>
            </div>
            <div>
              <dt className="inline text-slate-500">Expires: </dt>
              <dd className="inline" suppressHydrationWarning>
                {leaseShortened ? `${formatShort(new Date(lease.expiresAt))} → ${formatShort(new Date(lease.newExpiresAt))} (shortened to the new maximum)` : `${formatShort(new Date(lease.expiresAt))} (unchanged)`}
              </dd>
            </div>
            <div>
              <dt className="inline text-slate-500">Hourly cost: </dt>
              <dd className="inline" data-testid="plan-cost">
                {usd(plan.cost.fromUsdPerHour)} → {usd(plan.cost.toUsdPerHour)}
                {!plan.cost.complete && <span className="text-slate-500"> (some instance types have no known price)</span>}
              </dd>
            </div>
          </dl>
        </div>
      </div>
    </div>
  );
}
