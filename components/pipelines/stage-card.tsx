// One stage of a pipeline: its environment, the release live there and since when, and the
// deployment awaiting a team admin's confirmation (Confirm / Reject for those who may decide).
import Link from "next/link";
import type { StageView } from "@/lib/pipelines/get-pipeline";
import type { Jsonify } from "../jsonify";
import { RelativeTime } from "../ui/relative-time";
import { StateBadge } from "../ui/state-badge";
import { DecisionButtons } from "./decision-buttons";

export function StageCard({ stage, canConfirm }: { stage: Jsonify<StageView>; canConfirm: boolean }) {
  const { environment, live, pending } = stage;
  return (
    <section aria-label={`Stage ${stage.name}`} className="flex w-56 shrink-0 flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" data-testid={`stage-${stage.name}`}>
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-semibold text-slate-900">{stage.name}</h3>
        {stage.requiresConfirmation && (
          <span className="rounded bg-violet-50 px-1.5 py-0.5 text-xs text-violet-700 ring-1 ring-violet-600/20" title="A team admin confirms each deploy to this stage">
            Confirmation
          </span>
        )}
      </div>
      <div className="flex items-center justify-between gap-2">
        <Link href={`/environments/${environment.id}`} className="truncate text-slate-700 hover:underline">
          {environment.name}
        </Link>
        <StateBadge state={environment.state} />
      </div>
      <div className="text-slate-600">
        {live ? (
          <>
            Live:{" "}
            <Link href={`/deployments/${live.deploymentId}`} className="font-mono font-medium text-slate-900 hover:underline">
              {live.release}
            </Link>{" "}
            <span className="text-xs text-slate-500">
              <RelativeTime date={live.since} />
            </span>
          </>
        ) : (
          <span className="text-slate-500">Nothing live yet</span>
        )}
      </div>
      {pending && (
        <div className="space-y-2 rounded border border-violet-200 bg-violet-50 p-2 text-xs text-violet-900">
          <p>
            <span className="font-mono font-medium">{pending.release}</span> awaits confirmation
            {pending.requestedBy ? ` (asked by ${pending.requestedBy.email}` : ` (from ${pending.source}`}, <RelativeTime date={pending.createdAt} />)
          </p>
          {canConfirm ? <DecisionButtons deploymentId={pending.id} release={pending.release} stage={stage.name} /> : <p>A team admin confirms or rejects it.</p>}
        </div>
      )}
    </section>
  );
}
