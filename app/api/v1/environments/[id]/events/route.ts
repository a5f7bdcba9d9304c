import { z } from "zod";
import { route } from "@/app/_server/route";
import { environmentEventStream } from "@/app/_server/environment-stream";

export const dynamic = "force-dynamic";

const query = z.object({ after: z.string().regex(/^\d+$/).optional() }).strict();

/** SSE: `snapshot` events with the environment, `logs` events with new log lines (id = last line id). */
export const GET = route({ query }, async ({ caller, params, query, request }) => {
  const lastEventId = request.headers.get("last-event-id") ?? query.after;
  const stream = await environmentEventStream(caller, params.id!, lastEventId && /^\d+$/.test(lastEventId) ? BigInt(lastEventId) : undefined, request.signal);
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});
