"use client";
import { useEffect, useRef, useState } from "react";
import type { Connection, LogLineJson } from "../environments/types";
import { SETTLED_DEPLOYMENT_STATES, type DeploymentJson } from "./types";

const MAX_LINES = 5000;
/** After the deployment ends the stream stays open briefly for its last log lines. */
const SETTLED_GRACE_MS = 4000;

/**
 * Follows the deployment through its environment's event stream (the same SSE the environment
 * page uses): each `snapshot` says something changed, so the deployment is read again; `logs`
 * lines of its own run are appended. EventSource reconnects and resumes after the last log id.
 */
export function useDeploymentStream(initial: DeploymentJson, initialLogs: LogLineJson[]) {
  const [deployment, setDeployment] = useState(initial);
  const [logs, setLogs] = useState(initialLogs);
  const startSettled = SETTLED_DEPLOYMENT_STATES.has(initial.state);
  const [connection, setConnection] = useState<Connection>(startSettled ? "ended" : "connecting");
  const lastLogId = useRef(initialLogs.length > 0 ? BigInt(initialLogs[initialLogs.length - 1]!.id) : 0n);
  const runId = useRef(initial.runId);
  const sourceRef = useRef<EventSource | null>(null);
  const settled = SETTLED_DEPLOYMENT_STATES.has(deployment.state);

  const deploymentId = initial.id;
  const environmentId = initial.environment.id;
  useEffect(() => {
    if (startSettled) return;
    let reading: AbortController | null = null;
    let again = false;
    const reload = async () => {
      if (reading) {
        again = true;
        return;
      }
      reading = new AbortController();
      try {
        const response = await fetch(`/api/v1/deployments/${deploymentId}`, { signal: reading.signal, cache: "no-store" });
        if (response.ok) {
          const next = (await response.json()) as DeploymentJson;
          runId.current = next.runId;
          setDeployment(next);
        }
      } catch {
        // the next snapshot or the fallback poll reads it again
      } finally {
        reading = null;
        if (again) {
          again = false;
          void reload();
        }
      }
    };
    const after = lastLogId.current > 0n ? `?after=${lastLogId.current}` : "";
    const source = new EventSource(`/api/v1/environments/${environmentId}/events${after}`);
    sourceRef.current = source;
    source.onopen = () => setConnection("live");
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? "failed" : "reconnecting");
    source.addEventListener("end", (event) => {
      source.close();
      const { reason } = JSON.parse((event as MessageEvent<string>).data) as { reason: string };
      if (reason === "signed_out") window.location.assign("/signin");
      else setConnection("failed");
    });
    source.addEventListener("snapshot", () => void reload());
    source.addEventListener("logs", (event) => {
      const lines = JSON.parse((event as MessageEvent<string>).data) as LogLineJson[];
      const fresh = lines.filter((line) => BigInt(line.id) > lastLogId.current);
      if (fresh.length === 0) return;
      lastLogId.current = BigInt(fresh[fresh.length - 1]!.id);
      const mine = fresh.filter((line) => line.runId === runId.current);
      if (mine.length === 0) return;
      setLogs((current) => {
        const next = current.concat(mine);
        return next.length > MAX_LINES ? next.slice(next.length - MAX_LINES) : next;
      });
    });
    return () => {
      reading?.abort();
      source.close();
      sourceRef.current = null;
    };
  }, [deploymentId, environmentId, startSettled]);

  useEffect(() => {
    if (!settled) return;
    const timer = setTimeout(() => {
      sourceRef.current?.close();
      setConnection("ended");
    }, SETTLED_GRACE_MS);
    return () => clearTimeout(timer);
  }, [settled]);

  return { deployment, logs, connection };
}
