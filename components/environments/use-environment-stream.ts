"use client";
import { useEffect, useRef, useState } from "react";
import { isSettled, type Connection, type EnvironmentJson, type LogLineJson } from "./types";

const MAX_LINES = 5000;
/** After the environment is destroyed the stream stays open briefly for the last log lines. */
const SETTLED_GRACE_MS = 4000;

/**
 * Follows /api/v1/environments/:id/events. EventSource reconnects by itself and resends the
 * last log id (Last-Event-ID), so the server resumes the log exactly where it stopped.
 */
export function useEnvironmentStream(initial: EnvironmentJson, initialLogs: LogLineJson[]) {
  const [environment, setEnvironment] = useState(initial);
  const [logs, setLogs] = useState(initialLogs);
  const [connection, setConnection] = useState<Connection>(isSettled(initial) ? "ended" : "connecting");
  const lastLogId = useRef(initialLogs.length > 0 ? BigInt(initialLogs[initialLogs.length - 1]!.id) : 0n);
  const sourceRef = useRef<EventSource | null>(null);
  const settled = isSettled(environment);

  const environmentId = initial.id;
  const startSettled = isSettled(initial);
  useEffect(() => {
    if (startSettled) return;
    const after = lastLogId.current > 0n ? `?after=${lastLogId.current}` : "";
    const source = new EventSource(`/api/v1/environments/${environmentId}/events${after}`);
    sourceRef.current = source;
    source.onopen = () => setConnection("live");
    source.onerror = () => setConnection(source.readyState === EventSource.CLOSED ? "failed" : "reconnecting");
    // The server ends the stream when the session was revoked or access lost: don't reconnect.
    source.addEventListener("end", (event) => {
      source.close();
      const { reason } = JSON.parse((event as MessageEvent<string>).data) as { reason: string };
      if (reason === "signed_out") window.location.assign("/signin");
      else setConnection("failed");
    });
    source.addEventListener("snapshot", (event) => setEnvironment(JSON.parse((event as MessageEvent<string>).data) as EnvironmentJson));
    source.addEventListener("logs", (event) => {
      const fresh = (JSON.parse((event as MessageEvent<string>).data) as LogLineJson[]).filter((line) => BigInt(line.id) > lastLogId.current);
      if (fresh.length === 0) return;
      lastLogId.current = BigInt(fresh[fresh.length - 1]!.id);
      setLogs((current) => {
        const next = current.concat(fresh);
        return next.length > MAX_LINES ? next.slice(next.length - MAX_LINES) : next;
      });
    });
    return () => {
      source.close();
      sourceRef.current = null;
    };
  }, [environmentId, startSettled]);

  useEffect(() => {
    if (!settled) return;
    const timer = setTimeout(() => {
      sourceRef.current?.close();
      setConnection("ended");
    }, SETTLED_GRACE_MS);
    return () => clearTimeout(timer);
  }, [settled]);

  return { environment, logs, connection };
}
