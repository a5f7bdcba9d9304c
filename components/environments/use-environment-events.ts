"use client";
import { useEffect, useRef, useState } from "react";
import type { Connection, LogLineJson } from "./types";

const MAX_LINES = 5000;
/** After what is followed settles the stream stays open briefly for the last log lines. */
const SETTLED_GRACE_MS = 4000;

/**
 * Follows /api/v1/environments/:id/events: `snapshot` events go to `onSnapshot`, `logs` lines
 * newer than the last one seen (and kept by `keepLine`) are appended, at most MAX_LINES. The
 * environment page and a deployment's page both follow it. EventSource reconnects by itself and
 * resends the last log id (Last-Event-ID), so the server resumes the log where it stopped.
 */
export function useEnvironmentEvents(options: {
  environmentId: string;
  initialLogs: LogLineJson[];
  /** Nothing to follow: the stream is not opened. */
  startSettled: boolean;
  /** What is followed has settled: the stream closes after a short grace. */
  settled: boolean;
  onSnapshot: (data: string) => void;
  keepLine?: (line: LogLineJson) => boolean;
}): { logs: LogLineJson[]; connection: Connection } {
  const { environmentId, initialLogs, startSettled, settled } = options;
  const [logs, setLogs] = useState(initialLogs);
  const [connection, setConnection] = useState<Connection>(startSettled ? "ended" : "connecting");
  const lastLogId = useRef(initialLogs.length > 0 ? BigInt(initialLogs[initialLogs.length - 1]!.id) : 0n);
  const sourceRef = useRef<EventSource | null>(null);
  // The latest callbacks, without reopening the stream when they change.
  const handlers = useRef(options);
  useEffect(() => {
    handlers.current = options;
  });

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
    source.addEventListener("snapshot", (event) => handlers.current.onSnapshot((event as MessageEvent<string>).data));
    source.addEventListener("logs", (event) => {
      const fresh = (JSON.parse((event as MessageEvent<string>).data) as LogLineJson[]).filter((line) => BigInt(line.id) > lastLogId.current);
      if (fresh.length === 0) return;
      lastLogId.current = BigInt(fresh[fresh.length - 1]!.id);
      const keep = handlers.current.keepLine;
      const kept = keep ? fresh.filter(keep) : fresh;
      if (kept.length === 0) return;
      setLogs((current) => {
        const next = current.concat(kept);
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

  return { logs, connection };
}
