"use client";
// A service's DORA metrics: four cards (figure, detail, band) each with its per-day chart, and a
// window selector that is a set of links (?window=), so the server computes every window.
import Link from "next/link";
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { DORA_WINDOWS, type DoraBand, type DoraWindow } from "@/lib/deployments/dora-bands";
import type { DoraMetrics } from "@/lib/deployments/dora-metrics";
import { EmptyState } from "../ui/empty-state";
import { cn } from "../ui/cn";
import { BAND_LABEL, BAND_STYLE, formatDay, formatPerDay, formatRate, formatSeconds } from "./dora-format";

const CHART_STYLE = { width: "100%", height: 140 };
const AXIS = { fontSize: 11, fill: "#64748b" };
const MARGIN = { top: 4, right: 8, left: 0, bottom: 0 };
const Y_WIDTH = 40;
const BLUE = "#2563eb";
const RED = "#dc2626";

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

export function DoraCharts({ metrics, windowHrefs }: { metrics: DoraMetrics; windowHrefs: Record<DoraWindow, string> }) {
  const { deploymentFrequency: frequency, leadTime, changeFailureRate: failures, timeToRestore: restore } = metrics;
  const empty = failures.finished === 0;
  const scope = metrics.scope.kind === "last_stage" ? `Deployments to ${metrics.scope.environment.name} (stage ${metrics.scope.stage.name}, the pipeline's last)` : "Deployments to all of the service's environments";
  const days = frequency.series.map((point, index) => ({
    day: formatDay(point.day),
    deployments: point.deployments,
    leadSeconds: leadTime.series[index]?.medianSeconds ?? null,
    failurePercent: percent(failures.series[index]?.rate ?? null),
    restoreSeconds: restore.series[index]?.medianSeconds ?? null,
  }));

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <p className="text-xs text-slate-600">
          {scope}, last {metrics.days} days (UTC).
        </p>
        <WindowSelector current={metrics.window} hrefs={windowHrefs} />
      </div>
      {empty ? (
        <EmptyState title="No deployments in this window yet">Deploy a release to see metrics, or choose a longer window.</EmptyState>
      ) : (
        <div className="grid gap-px bg-slate-200 sm:grid-cols-2">
          <MetricCard title="Deployment frequency" figure={formatPerDay(frequency.perDay)} detail={`${frequency.total} successful in ${metrics.days} days`} band={frequency.band}>
            <BarChart responsive style={CHART_STYLE} data={days} margin={MARGIN}>
              <CartesianGrid vertical={false} stroke="#e2e8f0" />
              <XAxis dataKey="day" tick={AXIS} minTickGap={16} />
              <YAxis allowDecimals={false} tick={AXIS} width={Y_WIDTH} />
              <Tooltip formatter={(value) => [String(value), "successful"]} />
              <Bar dataKey="deployments" fill={BLUE} isAnimationActive={false} />
            </BarChart>
          </MetricCard>
          <MetricCard
            title="Lead time for changes"
            figure={formatSeconds(leadTime.medianSeconds)}
            detail={`median, release created → live; p90 ${formatSeconds(leadTime.p90Seconds)} (${leadTime.releases} ${leadTime.releases === 1 ? "release" : "releases"})`}
            band={leadTime.band}
          >
            <DurationLine data={days} dataKey="leadSeconds" name="median lead time" empty="No release went live in this window." />
          </MetricCard>
          <MetricCard title="Change failure rate" figure={formatRate(failures.rate)} detail={`${failures.failed} of ${failures.finished} finished deployments failed or rolled back`} band={failures.band}>
            <BarChart responsive style={CHART_STYLE} data={days} margin={MARGIN}>
              <CartesianGrid vertical={false} stroke="#e2e8f0" />
              <XAxis dataKey="day" tick={AXIS} minTickGap={16} />
              <YAxis domain={[0, 100]} tick={AXIS} unit="%" width={Y_WIDTH} />
              <Tooltip formatter={(value) => [`${String(value)} %`, "failed"]} />
              <Bar dataKey="failurePercent" fill={RED} isAnimationActive={false} />
            </BarChart>
          </MetricCard>
          <MetricCard
            title="Time to restore"
            figure={formatSeconds(restore.medianSeconds)}
            detail={`median, failure → next success on its environment${restore.unrestored > 0 ? `; ${restore.unrestored} not restored yet` : ""}`}
            band={restore.band}
          >
            <DurationLine data={days} dataKey="restoreSeconds" name="median time to restore" empty={restore.unrestored > 0 ? "Not restored yet." : "Nothing failed in this window."} />
          </MetricCard>
        </div>
      )}
    </div>
  );
}

type Day = { day: string; leadSeconds: number | null; restoreSeconds: number | null };

/** Medians per day in hours, or in days when they run past three days; a note when there are none. */
function DurationLine({ data, dataKey, name, empty }: { data: Day[]; dataKey: "leadSeconds" | "restoreSeconds"; name: string; empty: string }) {
  const values = data.map((point) => point[dataKey]).filter((value): value is number => value !== null);
  if (values.length === 0) return <p className="flex h-[140px] items-center justify-center text-xs text-slate-500">{empty}</p>;
  const [unit, size] = Math.max(...values) > 3 * 86_400 ? (["d", 86_400] as const) : (["h", 3600] as const);
  const points = data.map((point) => ({ day: point.day, value: point[dataKey] === null ? null : Math.round((point[dataKey] / size) * 10) / 10 }));
  return (
    <LineChart responsive style={CHART_STYLE} data={points} margin={MARGIN}>
      <CartesianGrid vertical={false} stroke="#e2e8f0" />
      <XAxis dataKey="day" tick={AXIS} minTickGap={16} />
      <YAxis tick={AXIS} unit={unit} width={Y_WIDTH} />
      <Tooltip formatter={(value) => [`${String(value)} ${unit === "d" ? "days" : "h"}`, name]} />
      <Line type="linear" dataKey="value" stroke={BLUE} strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
    </LineChart>
  );
}

function MetricCard({ title, figure, detail, band, children }: { title: string; figure: string; detail: string; band: DoraBand | null; children: ReactNode }) {
  return (
    <figure className="bg-white p-4" aria-label={`${title}: ${figure}${band ? `, ${BAND_LABEL[band]}` : ""}`}>
      <figcaption>
        <div className="flex items-center justify-between gap-2">
          <h3 className="text-xs font-medium text-slate-600">{title}</h3>
          <BandBadge band={band} />
        </div>
        <p className="mt-1 text-xl font-semibold text-slate-900">{figure}</p>
        <p className="text-xs text-slate-500">{detail}</p>
      </figcaption>
      <div className="mt-3">{children}</div>
    </figure>
  );
}

function BandBadge({ band }: { band: DoraBand | null }) {
  if (!band) return <span className="text-xs text-slate-400">no band</span>;
  return (
    <span title="DORA performance band (2023 State of DevOps report)" className={cn("rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", BAND_STYLE[band])}>
      {BAND_LABEL[band]}
    </span>
  );
}

function WindowSelector({ current, hrefs }: { current: DoraWindow; hrefs: Record<DoraWindow, string> }) {
  return (
    <nav aria-label="Metrics window" className="inline-flex overflow-hidden rounded-md border border-slate-300 text-xs font-medium">
      {DORA_WINDOWS.map((window) => (
        <Link
          key={window}
          href={hrefs[window]}
          scroll={false}
          aria-current={window === current ? "page" : undefined}
          className={cn("px-2.5 py-1 not-last:border-r not-last:border-slate-300", window === current ? "bg-slate-900 text-white" : "bg-white text-slate-700 hover:bg-slate-50")}
        >
          {window}
        </Link>
      ))}
    </nav>
  );
}
