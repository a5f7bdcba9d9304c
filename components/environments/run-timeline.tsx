"use client";
import type { ReactNode } from "react";
import { formatElapsed, humanize } from "../format";
import { RelativeTime } from "../ui/relative-time";
import { StateBadge } from "../ui/state-badge";
import { StepIcon } from "./step-icon";
import type { RunJson, StepJson } from "./types";
import { useNow } from "./use-now";

function stepDuration(step: StepJson, now: number): string | null {
  if (!step.startedAt) return null;
  const end = step.finishedAt ? Date.parse(step.finishedAt) : now;
  return formatElapsed(end - Date.parse(step.startedAt));
}

const STEP_STATE_TEXT: Record<string, string> = { waiting: "waiting", pending: "pending" };

/** "2 runs ahead" for a run waiting behind others of its environment. */
export function queueText(position: number): string {
  return position === 0 ? "next in line" : `${position} run${position === 1 ? "" : "s"} ahead`;
}

/** Why a parked step waits, with a live estimate of when it goes on. */
function WaitNote({ step, now }: { step: StepJson; now: number }) {
  if (!step.waitReason) return null;
  const left = step.resumeAt ? Date.parse(step.resumeAt) - now : null;
  const verb = step.name === "launch_instances" ? "launching" : "resuming";
  return (
    <p className="mt-1 text-xs text-slate-600" data-testid="wait-reason">
      {step.waitReason}
      {left !== null && <span className="tabular-nums">{left > 1000 ? ` — ${verb} in ~${Math.ceil(left / 1000)} s` : ` — ${verb} now`}</span>}
    </p>
  );
}

/** The steps of one run, in order, with live-ticking durations for the running one. */
export function RunTimeline({ run, actions }: { run: RunJson; actions?: ReactNode }) {
  const active = run.state === "running" || run.steps.some((s) => s.state === "running" || s.state === "waiting");
  const now = useNow(1000, active);
  const runDuration = run.startedAt ? formatElapsed((run.finishedAt ? Date.parse(run.finishedAt) : now) - Date.parse(run.startedAt)) : null;

  return (
    <div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 px-4 py-3 text-sm">
        <span className="font-medium text-slate-900">{humanize(run.kind)} run</span>
        <StateBadge state={run.state} kind="run" />
        {run.state === "queued" && run.queuePosition !== null && (
          <span className="text-slate-600" data-testid="queue-position">
            {queueText(run.queuePosition)}
          </span>
        )}
        {run.retryCount > 0 && <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700">retry {run.retryCount}</span>}
        <span className="text-slate-500">
          by {run.requestedBy ?? "Hangar"} · <RelativeTime date={run.createdAt} />
        </span>
        {runDuration && <span className="ml-auto tabular-nums text-slate-500">{run.finishedAt ? `took ${runDuration}` : runDuration}</span>}
      </div>
      {actions && <div className="border-b border-slate-100 px-4 py-2">{actions}</div>}
      <ol aria-label={`Steps of the ${run.kind} run`} className="px-4 py-2">
        {run.steps.map((step, index) => {
          const duration = stepDuration(step, now);
          return (
            <li key={step.name} className="relative flex gap-3 py-2" data-step={step.name} data-state={step.state}>
              {index < run.steps.length - 1 && <span className="absolute top-9 bottom-[-0.5rem] left-3 w-px bg-slate-200" aria-hidden />}
              <StepIcon state={step.state} />
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-baseline gap-x-2">
                  <span className={step.state === "pending" || step.state === "skipped" ? "text-sm text-slate-500" : "text-sm font-medium text-slate-900"}>{humanize(step.name)}</span>
                  <span className="sr-only">: </span>
                  <span className="text-xs text-slate-500">{STEP_STATE_TEXT[step.state] ?? step.state}</span>
                  {step.attempt > 1 && <span className="rounded bg-amber-50 px-1.5 text-xs text-amber-800">attempt {step.attempt}</span>}
                  {duration && <span className="ml-auto text-xs tabular-nums text-slate-500">{duration}</span>}
                </div>
                {step.state === "waiting" && <WaitNote step={step} now={now} />}
                {step.error && <p className="mt-1 rounded-md bg-red-50 px-2 py-1.5 font-mono text-xs break-words text-red-700">{step.error}</p>}
              </div>
            </li>
          );
        })}
      </ol>
      {run.error && !run.steps.some((s) => s.error) && <p className="mx-4 mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{run.error}</p>}
    </div>
  );
}
