import "server-only";
// Server-Sent Events for one environment: a `snapshot` (state, steps, instances, outputs)
// whenever something changes, and `log` lines as they are written, resuming after
// Last-Event-ID. Redis notifications say when to look; Postgres is what is sent, so a lost
// notification only delays an update until the fallback poll. The caller is re-checked on every
// snapshot: disabling the user, revoking their sessions or removing them from the team ends
// an open stream within one poll interval.
import { AppError } from "@/lib/errors";
import { reloadCaller } from "@/lib/identity/api-tokens";
import type { Caller } from "@/lib/identity/caller";
import { getEnvironment } from "@/lib/environments/get-environment";
import { getEnvironmentLogs } from "@/lib/runs/get-run-logs";
import { web } from "./runtime";

const FALLBACK_POLL_MS = 3000;
const HEARTBEAT_MS = 15_000;
const DEBOUNCE_MS = 75;
const LOG_PAGE = 500;

export async function environmentEventStream(caller: Caller, environmentId: string, lastLogId: bigint | undefined, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const { db, events, logger } = web();
  // Authorizes before the stream opens: a foreign id gets a plain 404.
  await getEnvironment(db, caller, environmentId);
  let current: Caller = caller;
  let cursor = lastLogId;
  const encoder = new TextEncoder();
  let close = () => {};

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let pending: NodeJS.Timeout | undefined;
      let snapshotDue = false;
      let refreshing: Promise<void> | undefined;
      let again = false;
      let lastSnapshotJson = "";
      const send = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          close(); // the client went away between our check and the write
        }
      };
      const sendEvent = (event: string, data: unknown, id?: string) => send(`${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

      const refresh = async () => {
        if (snapshotDue) {
          snapshotDue = false;
          const fresh = await reloadCaller(db, current);
          if (!fresh) {
            sendEvent("end", { reason: "signed_out" });
            close();
            return;
          }
          current = fresh;
          const snapshot = await getEnvironment(db, current, environmentId);
          const json = JSON.stringify(snapshot);
          if (json !== lastSnapshotJson) {
            lastSnapshotJson = json;
            sendEvent("snapshot", snapshot);
          }
        }
        for (;;) {
          if (closed) return;
          const lines = await getEnvironmentLogs(db, current, { environmentId, afterId: cursor, limit: LOG_PAGE });
          if (lines.length === 0) break;
          cursor = BigInt(lines[lines.length - 1]!.id);
          sendEvent("logs", lines, cursor.toString());
          if (lines.length < LOG_PAGE) break;
        }
      };
      // One refresh at a time (they share the log cursor, and an older snapshot must never
      // overtake a newer one); a request during a refresh runs once more after it.
      const flush = async (): Promise<void> => {
        pending = undefined;
        if (closed) return;
        if (refreshing) {
          again = true;
          return refreshing;
        }
        refreshing = refresh()
          .catch((error: unknown) => {
            // Lost access (removed from the team, environment gone): end the stream.
            if (error instanceof AppError && (error.status === 403 || error.status === 404)) {
              sendEvent("end", { reason: "not_found" });
              close();
              return;
            }
            logger.warn({ err: error, environmentId }, "event stream refresh failed");
          })
          .finally(() => {
            refreshing = undefined;
            if (again && !closed) {
              again = false;
              void flush();
            }
          });
        return refreshing;
      };
      const schedule = (withSnapshot: boolean) => {
        snapshotDue ||= withSnapshot;
        pending ??= setTimeout(() => void flush(), DEBOUNCE_MS);
      };

      const live: { unsubscribe?: () => void; poll?: NodeJS.Timeout; heartbeat?: NodeJS.Timeout } = {};
      close = () => {
        if (closed) return;
        closed = true;
        clearInterval(live.poll);
        clearInterval(live.heartbeat);
        clearTimeout(pending);
        live.unsubscribe?.();
        signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      // Listen first: a client that leaves while we subscribe must still be cleaned up.
      signal.addEventListener("abort", close);
      const stop = await events.subscribe(environmentId, (kind) => schedule(kind !== "log"));
      if (closed || signal.aborted) {
        stop();
        close();
        return;
      }
      live.unsubscribe = stop;
      live.poll = setInterval(() => schedule(true), FALLBACK_POLL_MS);
      live.heartbeat = setInterval(() => send(`: keep-alive\n\n`), HEARTBEAT_MS);

      send(`retry: 2000\n\n`);
      snapshotDue = true;
      await flush();
    },
    cancel() {
      close();
    },
  });
}
