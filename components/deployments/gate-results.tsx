import { formatExact } from "../format";
import { cn } from "../ui/cn";
import type { DeploymentJson } from "./types";

const okTone = (value: string) => (value === "ok" ? "text-emerald-700" : value === "impaired" || value === "failed" ? "text-red-700" : "text-slate-600");

const GATE_TONE = { passed: "bg-emerald-50 text-emerald-700", pending: "bg-amber-50 text-amber-700", failed: "bg-red-50 text-red-700" } as const;

/** The health gate per instance: EC2 status checks, the HTTP check, and whether it passed. */
export function GateResults({ results }: { results: DeploymentJson["gateResults"] }) {
  if (results.length === 0) return <p className="px-4 py-6 text-sm text-slate-500">No health-gate results yet. Each new instance is checked before traffic moves to it.</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className="table-base">
        <thead>
          <tr>
            <th scope="col">Instance</th>
            <th scope="col" className="text-right">
              Batch
            </th>
            <th scope="col">System</th>
            <th scope="col">Instance check</th>
            <th scope="col">HTTP</th>
            <th scope="col">Gate</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {results.map((result, index) => (
            <tr key={`${result.instanceId}-${index}`} data-gate={result.state}>
              <td className="font-mono text-xs text-slate-800">{result.instanceId}</td>
              <td className="text-right tabular-nums text-slate-600">{result.batch + 1}</td>
              <td className={okTone(result.statusChecks.system)}>{result.statusChecks.system}</td>
              <td className={okTone(result.statusChecks.instance)}>{result.statusChecks.instance}</td>
              <td className="whitespace-nowrap text-slate-700">
                {result.http ? (
                  <>
                    <span className={cn("tabular-nums", result.http.error && "text-red-700")}>{result.http.status ?? result.http.error ?? "no answer"}</span>
                    <span className="ml-1 text-xs text-slate-500">{result.http.ms} ms</span>
                  </>
                ) : (
                  <span className="text-slate-400">not checked</span>
                )}
              </td>
              <td>
                <span className={cn("rounded px-1.5 py-0.5 text-xs font-medium", GATE_TONE[result.state])}>{result.state}</span>
              </td>
              <td className="max-w-md text-xs text-slate-600">
                {result.detail}
                <time dateTime={result.at} title={formatExact(new Date(result.at))} className="ml-1 text-slate-400" suppressHydrationWarning>
                  · {new Date(result.at).toISOString().slice(11, 19)} UTC
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
