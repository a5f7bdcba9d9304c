import { cn } from "../ui/cn";

/** A step's state as an icon; the text label sits next to it for screen readers. */
export function StepIcon({ state }: { state: string }) {
  const base = "flex size-6 shrink-0 items-center justify-center rounded-full";
  switch (state) {
    case "succeeded":
      return (
        <span className={cn(base, "bg-emerald-500 text-white")} aria-hidden>
          <svg viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="2.2"><path d="m3.5 8.5 3 3 6-7" /></svg>
        </span>
      );
    case "failed":
      return (
        <span className={cn(base, "bg-red-500 text-white")} aria-hidden>
          <svg viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="2.2"><path d="m4.5 4.5 7 7m0-7-7 7" /></svg>
        </span>
      );
    case "running":
    case "waiting":
      return (
        <span className={cn(base, "bg-blue-50 ring-2 ring-blue-500")} aria-hidden>
          <svg viewBox="0 0 16 16" className="size-3.5 animate-spin text-blue-600" fill="none" stroke="currentColor" strokeWidth="2"><path d="M8 2a6 6 0 1 0 6 6" /></svg>
        </span>
      );
    case "skipped":
      return (
        <span className={cn(base, "bg-slate-100 text-slate-400")} aria-hidden>
          <svg viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="2"><path d="M4 8h8" /></svg>
        </span>
      );
    default:
      return <span className={cn(base, "border-2 border-dashed border-slate-300 bg-white")} aria-hidden />;
  }
}
