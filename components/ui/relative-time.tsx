"use client";
import { useEffect, useState } from "react";
import { formatExact, formatRelative } from "../format";

/**
 * "in 8 hours" with the exact time on hover; re-renders every 30 s so it never goes stale.
 * `fromNowSeconds` shows a moment relative to the current time (e.g. when a lease would end).
 */
export function RelativeTime({ date, fromNowSeconds, className }: { date?: Date | string | null; fromNowSeconds?: number; className?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (fromNowSeconds !== undefined) date = new Date(now + fromNowSeconds * 1000);
  if (!date) return <span className="text-slate-400">—</span>;
  const value = typeof date === "string" ? new Date(date) : date;
  return (
    // Server and browser clocks and time zones differ by design; the browser's text wins.
    <time dateTime={value.toISOString()} title={formatExact(value)} className={className} suppressHydrationWarning>
      {formatRelative(value, now)}
    </time>
  );
}
