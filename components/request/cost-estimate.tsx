"use client";
import { priceOf } from "@/lib/cloud/prices/price-of";
import { resolvePlan } from "@/lib/templates/resolve-plan";
import type { TemplateSpec } from "@/lib/templates/template-spec";
import { formatUsd } from "../format";
import { describeLease } from "./lease";

type Line = { group: string; count: number; instanceType: string; usdPerHour: number | null; derived: boolean };

function estimate(spec: TemplateSpec, params: Record<string, unknown>, region: string, name: string, team: string) {
  const planned = resolvePlan(spec, { params, env: { id: "estimate", name: name || "estimate", region, team } });
  if (!planned.ok) return null;
  const lines: Line[] = planned.plan.groups.map((group) => {
    const price = priceOf(group.instanceType, region);
    return { group: group.name, count: group.count, instanceType: group.instanceType, usdPerHour: price?.usdPerHour ?? null, derived: price?.derived ?? false };
  });
  const known = lines.filter((line) => line.usdPerHour !== null);
  const hourly = known.reduce((sum, line) => sum + line.count * line.usdPerHour!, 0);
  return { lines, hourly, complete: known.length === lines.length, derived: lines.some((line) => line.derived) };
}

/** Cost at request time, from the shipped on-demand price snapshot (Linux, shared tenancy). */
export function CostEstimate({ spec, params, region, leaseSeconds, name, team }: {
  spec: TemplateSpec;
  params: Record<string, unknown>;
  region: string;
  leaseSeconds: number;
  name: string;
  team: string;
}) {
  const result = estimate(spec, params, region, name, team);
  return (
    <div aria-live="polite">
      <h2 className="text-sm font-semibold text-slate-900">Cost estimate</h2>
      {!result ? (
        <p className="mt-2 text-sm text-slate-500">Fill in the parameters to see an estimate.</p>
      ) : (
        <>
          <p className="mt-2 flex items-baseline gap-1.5">
            <span className="text-2xl font-semibold tracking-tight tabular-nums" data-testid="cost-per-hour">
              ≈ {formatUsd(result.hourly)}/h
            </span>
          </p>
          <p className="text-sm text-slate-600">
            ≈ {formatUsd(result.hourly * (leaseSeconds / 3600))} for {describeLease(leaseSeconds)}
          </p>
          <ul className="mt-3 space-y-1 border-t border-slate-100 pt-3 text-xs text-slate-600">
            {result.lines.map((line) => (
              <li key={line.group} className="flex justify-between gap-3">
                <span>
                  {line.count} × <span className="font-mono">{line.instanceType}</span> <span className="text-slate-400">({line.group})</span>
                </span>
                <span className="tabular-nums">{line.usdPerHour === null ? "price unknown" : `${formatUsd(line.count * line.usdPerHour)}/h`}</span>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-xs text-slate-400">
            On-demand Linux list prices{result.derived ? `, derived for ${region} from us-east-1` : ""}.{!result.complete && " Some prices are unknown and not included."}
          </p>
        </>
      )}
    </div>
  );
}
