"use client";
import { formatElapsed, humanize } from "../format";
import { cn } from "../ui/cn";
import { RelativeTime } from "../ui/relative-time";
import { StateBadge } from "../ui/state-badge";
import { queueText } from "./run-timeline";
import type { RunJson } from "./types";

/** Every run of the environment, newest first; choosing one shows its steps above. */
export function RunHistory({ runs, selectedId, onSelect }: { runs: RunJson[]; selectedId: string | undefined; onSelect: (id: string) => void }) {
  if (runs.length === 0) return <p className="px-4 py-6 text-sm text-slate-500">No runs yet.</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className="table-base">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">State</th>
            <th scope="col">Requested by</th>
            <th scope="col">Started</th>
            <th scope="col" className="text-right">Duration</th>
            <th scope="col">
              <span className="sr-only">Steps</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const selected = run.id === selectedId;
            return (
              <tr key={run.id} className={cn(selected && "bg-indigo-50/50")} aria-selected={selected}>
                <td className="font-medium text-slate-900">{humanize(run.kind)}</td>
                <td>
                  <StateBadge state={run.state} kind="run" />
                  {run.state === "queued" && run.queuePosition !== null && <span className="ml-2 text-xs text-slate-500">{queueText(run.queuePosition)}</span>}
                </td>
                <td className="text-slate-700">{run.requestedBy ?? "Hangar"}</td>
                <td className="whitespace-nowrap text-slate-600">{run.startedAt ? <RelativeTime date={run.startedAt} /> : <span className="text-slate-400">not started</span>}</td>
                <td className="text-right tabular-nums text-slate-600">
                  {run.startedAt && run.finishedAt ? formatElapsed(Date.parse(run.finishedAt) - Date.parse(run.startedAt)) : run.startedAt ? "running" : "—"}
                </td>
                <td className="text-right">
                  <button
                    type="button"
                    onClick={() => onSelect(run.id)}
                    aria-pressed={selected}
                    className={cn("rounded-md px-2 py-1 text-xs font-medium", selected ? "text-indigo-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900")}
                  >
                    {selected ? "Showing steps" : "Show steps"}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
