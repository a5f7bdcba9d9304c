"use client";
import { useEffect, useRef, useState } from "react";
import type { LogLineJson } from "../environments/types";
import { useEnvironmentEvents } from "../environments/use-environment-events";
import { SETTLED_DEPLOYMENT_STATES, type DeploymentJson } from "./types";

/**
 * Follows the deployment through its environment's event stream (the same SSE the environment
 * page uses): each `snapshot` says something changed, so the deployment is read again; `logs`
 * lines of its own run are appended.
 */
export function useDeploymentStream(initial: DeploymentJson, initialLogs: LogLineJson[]) {
  const [deployment, setDeployment] = useState(initial);
  const runId = useRef(initial.runId);
  const reload = useRef<() => void>(() => undefined);

  const deploymentId = initial.id;
  useEffect(() => {
    let reading: AbortController | null = null;
    let again = false;
    const read = async () => {
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
        // the next snapshot reads it again
      } finally {
        reading = null;
        if (again) {
          again = false;
          void read();
        }
      }
    };
    reload.current = () => void read();
    return () => {
      reload.current = () => undefined;
      reading?.abort();
    };
  }, [deploymentId]);

  const { logs, connection } = useEnvironmentEvents({
    environmentId: initial.environment.id,
    initialLogs,
    startSettled: SETTLED_DEPLOYMENT_STATES.has(initial.state),
    settled: SETTLED_DEPLOYMENT_STATES.has(deployment.state),
    onSnapshot: () => reload.current(),
    keepLine: (line) => line.runId === runId.current,
  });
  return { deployment, logs, connection };
}
