"use client";
import { useLayoutEffect, useRef, useState } from "react";
import { humanize } from "../format";
import { cn } from "../ui/cn";
import type { LogLineJson, RunJson } from "./types";

const LEVEL_STYLE: Record<string, string> = {
  debug: "text-slate-500",
  info: "text-slate-200",
  warn: "text-amber-300",
  error: "text-red-400",
};
const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });

/** Streams log lines; follows the tail unless the reader scrolled up to read something. */
export function LogPanel({ lines, runs }: { lines: LogLineJson[]; runs: RunJson[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  // How many lines there were when the reader scrolled away from the tail.
  const [readUpTo, setReadUpTo] = useState(lines.length);
  const unseen = following ? 0 : Math.max(0, lines.length - readUpTo);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && following) element.scrollTop = element.scrollHeight;
  }, [lines.length, following]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
    if (!atBottom && following) setReadUpTo(lines.length);
    setFollowing(atBottom);
  };
  const jump = () => {
    setFollowing(true);
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  };
  const kindOf = new Map(runs.map((run) => [run.id, run.kind]));

  return (
    <div className="relative">
      <div
        ref={scroller}
        onScroll={onScroll}
        role="log"
        aria-live="polite"
        aria-label="Run logs"
        tabIndex={0}
        className="max-h-96 min-h-32 overflow-y-auto bg-slate-950 px-4 py-3 font-mono text-xs leading-5"
      >
        {lines.length === 0 && <p className="text-slate-500">No log lines yet. They appear here as soon as a worker picks up the run.</p>}
        {lines.map((line, index) => {
          const newRun = index === 0 || lines[index - 1]!.runId !== line.runId;
          return (
            <div key={line.id}>
              {newRun && <div className="mt-1 mb-1 border-t border-slate-800 pt-1 text-[11px] tracking-wide text-slate-500 uppercase first:mt-0 first:border-0 first:pt-0">— {kindOf.get(line.runId) ?? "run"} run —</div>}
              <div className="flex gap-3 whitespace-pre-wrap" data-level={line.level}>
                <time dateTime={line.at} className="shrink-0 text-slate-500 select-none">
                  {timeFormat.format(new Date(line.at))}
                </time>
                <span className="hidden w-36 shrink-0 truncate text-indigo-300 sm:block" title={line.step ? humanize(line.step) : undefined}>
                  {line.step ? humanize(line.step) : ""}
                </span>
                <span className={cn("min-w-0 break-words", LEVEL_STYLE[line.level] ?? "text-slate-200")}>
                  {line.level === "warn" || line.level === "error" ? <span className="font-semibold uppercase">{line.level} </span> : null}
                  {line.message}
                </span>
              </div>
            </div>
          );
        })}
      </div>
      {!following && (
        <button type="button" onClick={jump} className="absolute right-4 bottom-3 rounded-full bg-indigo-600 px-3 py-1 text-xs font-medium text-white shadow-lg hover:bg-indigo-500">
          {unseen > 0 ? `${unseen} new line${unseen === 1 ? "" : "s"} — jump to latest` : "Jump to latest"}
        </button>
      )}
    </div>
  );
}
