// Follows an environment's event stream (GET /api/v1/environments/:id/events, Server-Sent
// Events): `snapshot` events carry the environment, `logs` events its new log lines with the
// last line's id as the event id. A dropped connection is opened again with Last-Event-ID, so no
// line is lost or shown twice; the server's `retry:` sets the pause. Stops when a handler says so
// or the server ends the stream (`end`: signed out, access lost).
import { createParser, type EventSourceMessage } from "eventsource-parser";
import type { ApiClient } from "./client";
import type { EnvironmentDetail, LogLine } from "./api-types";
import type { Io } from "./io";
import { transient } from "./wait";

const MAX_FAILED_OPENS = 30;

export type StreamHandlers = {
  onLogs: (lines: LogLine[]) => void;
  /** Return true to stop following. */
  onSnapshot: (environment: EnvironmentDetail) => boolean;
};

export type FollowResult = { lastEventId: string | undefined; reason: "stopped" | "ended"; endReason?: string };

export async function followEvents(client: ApiClient, io: Io, environmentId: string, handlers: StreamHandlers, options: { lastEventId?: string; retryMs?: number } = {}): Promise<FollowResult> {
  let lastEventId = options.lastEventId;
  let retryMs = options.retryMs ?? 2000;
  const path = `/api/v1/environments/${encodeURIComponent(environmentId)}/events`;
  let failedOpens = 0;
  for (;;) {
    const controller = new AbortController();
    let result: FollowResult | undefined;
    const parser = createParser({
      onRetry: (ms) => (retryMs = ms),
      onEvent: (event: EventSourceMessage) => {
        if (result) return;
        if (event.event === "logs") {
          handlers.onLogs(JSON.parse(event.data) as LogLine[]);
          if (event.id) lastEventId = event.id;
        } else if (event.event === "snapshot") {
          if (handlers.onSnapshot(JSON.parse(event.data) as EnvironmentDetail)) result = { lastEventId, reason: "stopped" };
        } else if (event.event === "end") {
          result = { lastEventId, reason: "ended", endReason: (JSON.parse(event.data) as { reason?: string }).reason };
        }
        if (result) controller.abort();
      },
    });
    try {
      const response = await client.openStream(path, { lastEventId, signal: controller.signal }).catch((error: unknown) => {
        // A server gone for good (about a minute of failed attempts in a row) is an error, not a hang.
        if (++failedOpens > MAX_FAILED_OPENS) throw Object.assign(error as Error, { final: true });
        throw error;
      });
      failedOpens = 0;
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
        if (result) break;
      }
    } catch (error) {
      if (result) return result;
      // A reset mid-stream is an aborted body read (TypeError "terminated") or an unreachable server.
      if ((error as { final?: boolean }).final) throw error;
      if (!(transient(error) || error instanceof TypeError || (error as Error).name === "AbortError")) throw error;
    }
    if (result) return result;
    io.err(`connection to the event stream lost; reconnecting in ${Math.round(retryMs / 100) / 10} s${lastEventId ? ` from log line ${lastEventId}` : ""}\n`);
    await io.sleep(retryMs);
  }
}
