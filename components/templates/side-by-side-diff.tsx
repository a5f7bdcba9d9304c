import type { DiffCell, DiffRow } from "@/lib/templates/diff-template-versions";
import { cn } from "../ui/cn";

const TONE: Record<DiffCell["kind"], string> = { context: "", removed: "bg-red-50 text-red-900", added: "bg-emerald-50 text-emerald-900" };
const SIGN: Record<DiffCell["kind"], string> = { context: " ", removed: "−", added: "+" };

function Cell({ cell, side }: { cell: DiffCell | null; side: "left" | "right" }) {
  if (!cell) return <td colSpan={2} className="bg-slate-50" aria-label={side === "left" ? "no line" : "no line"} />;
  return (
    <>
      <td className="w-10 border-r border-slate-100 px-2 text-right text-slate-400 select-none">{cell.line}</td>
      <td className={cn("px-2 whitespace-pre-wrap break-all", TONE[cell.kind])} data-kind={cell.kind}>
        <span className="mr-2 select-none text-slate-400" aria-hidden>
          {SIGN[cell.kind]}
        </span>
        {cell.kind !== "context" && <span className="sr-only">{cell.kind === "added" ? "added: " : "removed: "}</span>}
        {cell.text}
      </td>
    </>
  );
}

/** Two versions' YAML in two columns, changed lines side by side. */
export function SideBySideDiff({ rows, fromLabel, toLabel }: { rows: DiffRow[]; fromLabel: string; toLabel: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed border-collapse font-mono text-xs leading-5" aria-label={`Changes from ${fromLabel} to ${toLabel}`}>
        <thead>
          <tr className="border-b border-slate-200 bg-slate-50 text-left text-slate-600">
            <th colSpan={2} scope="col" className="w-1/2 px-2 py-2 font-sans font-medium">
              {fromLabel}
            </th>
            <th colSpan={2} scope="col" className="w-1/2 border-l border-slate-200 px-2 py-2 font-sans font-medium">
              {toLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index} className="align-top">
              <Cell cell={row.left} side="left" />
              <Cell cell={row.right} side="right" />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
