import { stateLabel } from "../format";
import { cn } from "./cn";

type Tone = "gray" | "blue" | "green" | "amber" | "orange" | "red" | "muted" | "violet";

const TONES: Record<Tone, { badge: string; dot: string }> = {
  gray: { badge: "bg-slate-100 text-slate-700 ring-slate-500/20", dot: "bg-slate-400" },
  blue: { badge: "bg-blue-50 text-blue-700 ring-blue-600/20", dot: "bg-blue-500" },
  violet: { badge: "bg-violet-50 text-violet-700 ring-violet-600/20", dot: "bg-violet-500" },
  green: { badge: "bg-emerald-50 text-emerald-700 ring-emerald-600/20", dot: "bg-emerald-500" },
  amber: { badge: "bg-amber-50 text-amber-800 ring-amber-600/20", dot: "bg-amber-500" },
  orange: { badge: "bg-orange-50 text-orange-700 ring-orange-600/20", dot: "bg-orange-500" },
  red: { badge: "bg-red-50 text-red-700 ring-red-600/20", dot: "bg-red-500" },
  muted: { badge: "bg-slate-50 text-slate-500 ring-slate-400/20", dot: "bg-slate-300" },
};

export type BadgeKind = "environment" | "run" | "step" | "instance" | "deployment";

// One table per kind, so the same word reads the same everywhere it appears for that kind.
const TONE_OF: Record<BadgeKind, Record<string, Tone>> = {
  environment: {
    requested: "gray",
    awaiting_approval: "violet",
    provisioning: "blue",
    ready: "green",
    stopping: "amber",
    stopped: "amber",
    starting: "blue",
    destroying: "orange",
    updating: "blue",
    destroyed: "muted",
    failed: "red",
  },
  run: { queued: "gray", running: "blue", succeeded: "green", failed: "red", canceled: "muted" },
  step: { pending: "gray", running: "blue", waiting: "blue", succeeded: "green", failed: "red", skipped: "muted" },
  instance: { pending: "blue", running: "green", stopping: "amber", stopped: "amber", "shutting-down": "orange", terminated: "muted" },
  deployment: { awaiting_confirmation: "violet", queued: "gray", running: "blue", succeeded: "green", failed: "red", rolled_back: "orange", canceled: "muted" },
};

/** States that mean "something is happening now": their dot pulses. */
const BUSY = new Set(["requested", "provisioning", "updating", "starting", "stopping", "destroying", "running", "waiting", "pending", "shutting-down", "queued"]);

export function StateBadge({ state, kind = "environment", className }: { state: string; kind?: BadgeKind; className?: string }) {
  const tone = TONES[TONE_OF[kind][state] ?? "gray"];
  const busy = BUSY.has(state) && !(kind === "instance" && state === "running");
  return (
    <span
      className={cn("inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset", tone.badge, className)}
      data-state={state}
    >
      <span className={cn("size-1.5 rounded-full", tone.dot, busy && "animate-pulse")} aria-hidden />
      {stateLabel(state)}
    </span>
  );
}
