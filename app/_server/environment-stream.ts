import "server-only";
// Server-Sent Events for one environment: a `snapshot` (state, steps, instances, outputs)
// whenever something changes, and `log` lines as they are written, resuming after
// Last-Event-ID. Redis notifications say when to look; Postgres is what is sent, so a lost
// notification only delays an update until the fallback poll.
import type { Caller } from "@/lib/identity/caller";
import { getEnvironment } from "@/lib/environments/get-environment";
import { getEnvironmentLogs } from "@/lib/runs/get-run-logs";
import { web } from "./runtime";

const FALLBACK_POLL_MS = 3000;
const HEARTBEAT_MS = 15_000;
const DEBOUNCE_MS = 75;

export async function environmentEventStream(caller: Caller, environmentId: string, lastLogId: bigint | undefined, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const { db, events, logger } = web();
  // Authorizes before the stream opens: a foreign id gets a plain 404.
  let snapshot = await getEnvironment(db, caller, environmentId);
  let cursor = lastLogId;
  const encoder = new TextEncoder();

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let pending: NodeJS.Timeout | undefined;
      let snapshotDue = false;
      let lastSnapshotJson = "";
      const send = (event: string, data: unknown, id?: string) => {
        if (closed) return;
        controller.enqueue(encoder.encode(`${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      const flush = async () => {
        pending = undefined;
        try {
          if (snapshotDue) {
            snapshotDue = false;
            snapshot = await getEnvironment(db, caller, environmentId);
            const json = JSON.stringify(snapshot);
            if (json !== lastSnapshotJson) {
              lastSnapshotJson = json;
              send("snapshot", snapshot);
            }
          }
          for (;;) {
            const lines = await getEnvironmentLogs(db, caller, { environmentId, afterId: cursor, limit: 500 });
            if (lines.length === 0) break;
            cursor = BigInt(lines[lines.length - 1]!.id);
            send("logs", lines, cursor.toString());
            if (lines.length < 500) break;
          }
        } catch (error) {
          logger.warn({ err: error, environmentId }, "event stream refresh failed");
        }
      };
      const schedule = (withSnapshot: boolean) => {
        snapshotDue ||= withSnapshot;
        pending ??= setTimeout(() => void flush(), DEBOUNCE_MS);
      };

      const unsubscribe = await events.subscribe(environmentId, (kind) => schedule(kind !== "log"));
      const poll = setInterval(() => schedule(true), FALLBACK_POLL_MS);
      const heartbeat = setInterval(() => !closed && controller.enqueue(encoder.encode(`: keep-alive\n\n`)), HEARTBEAT_MS);
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(poll);
        clearInterval(heartbeat);
        clearTimeout(pending);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      signal.addEventListener("abort", close);

      controller.enqueue(encoder.encode(`retry: 2000\n\n`));
      snapshotDue = true;
      await flush();
    },
  });
}
