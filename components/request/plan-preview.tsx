"use client";
import { formatUsd } from "../format";
import { describeLease } from "./lease";
import type { PreviewState } from "./use-request-preview";

/**
 * What the request would create and cost, as the server's dry run says: priced from exactly the
 * values the form would submit (defaults filled in), or nothing when they would be refused.
 */
export function PlanPreview({ state, labels }: { state: PreviewState; labels: Record<string, string> }) {
  return (
    <div aria-live="polite" aria-busy={state.status === "loading" || state.stale} className={state.stale && state.status !== "loading" ? "opacity-50 transition-opacity" : undefined}>
      <h2 className="text-sm font-semibold text-slate-900">
        Cost estimate{state.stale && state.status !== "loading" && <span className="ml-2 text-xs font-normal text-slate-500">updating…</span>}
      </h2>
      {state.status === "loading" && <p className="mt-2 text-sm text-slate-500">Working out what this creates…</p>}
      {state.status === "error" && <p className="mt-2 text-sm text-slate-500">No estimate right now: {state.message}</p>}
      {state.status === "invalid" && (
        <div className="mt-2 text-sm text-slate-600">
          <p>The estimate follows the form: with these values the request would be refused.</p>
          <ul className="mt-1 list-disc pl-5 text-xs text-slate-500">
            {(state.issues.length > 0 ? state.issues : [{ path: "", message: state.message }]).slice(0, 4).map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>{issue.path ? `${labels[issue.path] ?? issue.path} ${issue.message}` : issue.message}</li>
            ))}
          </ul>
        </div>
      )}
      {state.status === "ready" && <Ready preview={state.preview} />}
    </div>
  );
}

function Ready({ preview }: { preview: Extract<PreviewState, { status: "ready" }>["preview"] }) {
  const { cost } = preview;
  return (
    <>
      <p className="mt-2 flex items-baseline gap-1.5">
        <span className="text-2xl font-semibold tracking-tight tabular-nums" data-testid="cost-per-hour">
          ≈ {formatUsd(cost.usdPerHour)}/h
        </span>
      </p>
      <p className="text-sm text-slate-600">
        ≈ {formatUsd(cost.forLease)} for {describeLease(preview.leaseSeconds)}
      </p>
      <ul className="mt-3 space-y-1 border-t border-slate-100 pt-3 text-xs text-slate-600" aria-label="Instances">
        {preview.groups.map((group) => (
          <li key={group.name} className="flex justify-between gap-3">
            <span>
              {group.count} × <span className="font-mono">{group.instanceType}</span> <span className="text-slate-400">({group.name})</span>
            </span>
            <span className="tabular-nums">{group.usdPerHour === null ? "price unknown" : `${formatUsd(group.count * group.usdPerHour)}/h`}</span>
          </li>
        ))}
      </ul>
      <p className="mt-3 text-xs text-slate-400">
        On-demand Linux list prices{cost.derived ? `, derived for ${preview.region} from us-east-1` : ""}
        {cost.asOf ? ` (${cost.asOf})` : ""}.{!cost.complete && " Some prices are unknown and not included."}
      </p>
      <details className="mt-3 border-t border-slate-100 pt-3 text-xs text-slate-600">
        <summary className="cursor-pointer font-medium text-slate-800">What will be created</summary>
        <div className="mt-2 space-y-3">
          {preview.groups.map((group) => (
            <div key={group.name} className="space-y-1">
              <p className="font-medium text-slate-800">
                Group {group.name}: {group.count} × <span className="font-mono">{group.instanceType}</span> in {preview.region}
              </p>
              <p>
                Image:{" "}
                {"id" in group.image ? (
                  <span className="font-mono">
                    {group.image.id}
                    {group.image.name ? ` (${group.image.name})` : ""}
                  </span>
                ) : (
                  <span className="text-amber-700">{group.image.error}</span>
                )}
              </p>
              {(group.alternatives.instanceTypes.length > 0 || group.alternatives.zones.length > 0) && (
                <p>
                  If there is no capacity: {[...group.alternatives.instanceTypes, ...group.alternatives.zones].join(", ")}
                </p>
              )}
              <p className="break-all">
                Tags: <span className="font-mono">{Object.entries(group.tags).map(([k, v]) => `${k}=${v}`).join(", ")}</span>
              </p>
              {group.userData && <pre className="max-h-40 overflow-auto rounded bg-slate-950 p-2 font-mono text-[11px] text-slate-200">{group.userData}</pre>}
            </div>
          ))}
          {preview.outputs.length > 0 && (
            <p>
              Outputs once ready: <span className="font-mono">{preview.outputs.map((o) => o.key).join(", ")}</span>
            </p>
          )}
        </div>
      </details>
    </>
  );
}
