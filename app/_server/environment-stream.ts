import "server-only";
// Server-Sent Events for one environment: a `snapshot` (state, steps, instances, outputs)
// whenever something changes, and `logs` as they are written, resuming after Last-Event-ID.
// What is read from Postgres is shared by every stream of the environment on this process
// (lib/runs/environment-feed.ts), and each user holds at most HANGAR_MAX_STREAMS_PER_USER
// streams across all web processes (lib/runs/stream-slots.ts). The caller is re-checked on
// every snapshot: disabling the user, revoking their sessions or token, or removing them from
// the team ends an open stream within one poll interval.
import { QuotaExceeded } from "@/lib/errors";
import { findReadableEnvironment } from "@/lib/environments/find-environment";
import { reloadCaller } from "@/lib/identity/api-tokens";
import type { Caller } from "@/lib/identity/caller";
import { EnvironmentFeed, type FeedEvent } from "@/lib/runs/environment-feed";
import { StreamSlots, type StreamSlot } from "@/lib/runs/stream-slots";
import { web } from "./runtime";

const HEARTBEAT_MS = 15_000;

type Streams = { feed: EnvironmentFeed; slots: StreamSlots };
const holder = globalThis as unknown as { hangarStreams?: Streams };

function streams(): Streams {
  if (!holder.hangarStreams) {
    const { db, events, logger, queues, config } = web();
    const feed = new EnvironmentFeed({
      db,
      events,
      reload: (caller) => reloadCaller(db, caller),
      onError: (error, environmentId) => logger.warn({ err: error, environmentId }, "event stream refresh failed"),
    });
    const slots = new StreamSlots(queues.connection, config.HANGAR_REDIS_PREFIX, config.HANGAR_MAX_STREAMS_PER_USER, 30_000, (error) =>
      logger.warn({ err: error }, "stream slot renewal failed"),
    );
    holder.hangarStreams = { feed, slots };
  }
  return holder.hangarStreams;
}

/** A slot for the stream; when Redis cannot be asked, the stream opens anyway (live updates need Redis too, and say so). */
async function claimSlot(caller: Caller): Promise<StreamSlot> {
  const { slots } = streams();
  const slot = await slots.claim(caller.userId).catch((error: unknown) => {
    web().logger.warn({ err: error }, "stream cap unavailable (Redis); opening the stream uncounted");
    return { release: async () => {} };
  });
  if (!slot) {
    throw new QuotaExceeded(`You have ${slots.max} live streams open (the most one user may hold); close a tab following an environment or deployment and try again`);
  }
  return slot;
}

export async function environmentEventStream(caller: Caller, environmentId: string, lastLogId: bigint | undefined, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  // Authorizes before the stream opens: a foreign id gets a plain 404, and is never counted.
  const environment = await findReadableEnvironment(web().db, caller, environmentId);
  const slot = await claimSlot(caller);
  const encoder = new TextEncoder();
  let close = () => {};

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let leave: (() => void) | undefined;
      const send = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          close(); // the client went away between our check and the write
        }
      };
      const sendEvent = (event: string, data: unknown, id?: string) => send(`${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const onFeed = (event: FeedEvent) => {
        if (event.kind === "snapshot") sendEvent("snapshot", event.snapshot);
        else if (event.kind === "logs") sendEvent("logs", event.lines, event.cursor);
        else {
          sendEvent("end", { reason: event.reason });
          close();
        }
      };
      const heartbeat = setInterval(() => send(`: keep-alive\n\n`), HEARTBEAT_MS);
      close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        leave?.();
        void slot.release();
        signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      // Listen first: a client that leaves while we join must still be cleaned up.
      signal.addEventListener("abort", close);
      if (signal.aborted) return close();
      send(`retry: 2000\n\n`);
      try {
        leave = await streams().feed.join(environmentId, environment.teamId, caller, lastLogId, onFeed);
      } catch (error) {
        close();
        throw error;
      }
      if (closed) leave();
    },
    cancel() {
      close();
    },
  });
}
