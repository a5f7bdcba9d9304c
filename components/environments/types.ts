import type { EnvironmentDetail } from "@/lib/environments/get-environment";
import type { RunLogLine } from "@/lib/runs/get-run-logs";
import type { Jsonify } from "../jsonify";

/** The environment as the page, the REST API and the SSE `snapshot` event carry it. */
export type EnvironmentJson = Jsonify<EnvironmentDetail>;
export type RunJson = EnvironmentJson["runs"][number];
export type StepJson = RunJson["steps"][number];
export type InstanceJson = EnvironmentJson["instances"][number];
export type LogLineJson = Jsonify<RunLogLine>;

export type Connection = "connecting" | "live" | "reconnecting" | "ended" | "failed";

export const ACTIVE_RUN_STATES = new Set(["queued", "running"]);

/** The run to show by default: the one executing, else the next queued, else the newest. */
export function currentRun(runs: RunJson[]): RunJson | undefined {
  return runs.find((r) => r.state === "running") ?? [...runs].reverse().find((r) => r.state === "queued") ?? runs[0];
}

export function isSettled(env: EnvironmentJson): boolean {
  return env.state === "destroyed" && !env.runs.some((r) => ACTIVE_RUN_STATES.has(r.state));
}
