import { z } from "zod";
import { route } from "@/app/_server/route";
import { environmentEventStream } from "@/app/_server/environment-stream";
import { bigintIdText, idParams, isBigintId } from "@/lib/api-contract/common-schemas";

export const dynamic = "force-dynamic";

const query = z.object({ after: bigintIdText("must be a log line id").optional() }).strict();

export const GET = route(
  {
    summary: "Live events of an environment (Server-Sent Events)",
    description:
      "`snapshot` events carry the environment as `GET /api/v1/environments/{id}` answers it; `logs` events carry new log lines (the event id is the last line's id). Reconnects resume with `Last-Event-ID` (or `?after=`). At most HANGAR_MAX_STREAMS_PER_USER streams per user (429).",
    params: idParams,
    query,
    produces: { types: ["text/event-stream"], description: "An event stream: `snapshot` and `logs` events" },
  },
  async ({ caller, params, query, request }) => {
  const lastEventId = request.headers.get("last-event-id") ?? query.after;
  const stream = await environmentEventStream(caller, params.id, lastEventId && isBigintId(lastEventId) ? BigInt(lastEventId) : undefined, request.signal);
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});
