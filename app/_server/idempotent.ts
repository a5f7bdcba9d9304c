import "server-only";
// Idempotency-Key on POST: the first answer is kept for 24 h and replayed to a retry with the
// same key and the same request (marked Idempotent-Replayed: true).
import type { NextRequest } from "next/server";
import { claimIdempotencyKey, settleIdempotencyKey, validateIdempotencyKey } from "@/lib/idempotency/idempotency-keys";
import type { Caller } from "@/lib/identity/caller";
import { web } from "./runtime";

export async function idempotent(request: NextRequest, caller: Caller, bodyText: string, run: () => Promise<Response>): Promise<Response> {
  const header = request.method === "POST" ? request.headers.get("idempotency-key") : null;
  if (header === null) return run();
  const { db } = web();
  const claim = { principal: caller.userId, key: validateIdempotencyKey(header), method: request.method, path: request.nextUrl.pathname, body: bodyText };
  const replay = await claimIdempotencyKey(db, claim);
  if (replay) return new Response(replay.body, { status: replay.status, headers: { "content-type": "application/json", "idempotent-replayed": "true" } });
  let response: Response | undefined;
  try {
    response = await run();
    const streaming = response.headers.get("content-type")?.startsWith("text/event-stream");
    await settleIdempotencyKey(db, claim, streaming ? null : { status: response.status, body: await response.clone().text() });
    return response;
  } catch (error) {
    if (!response) await settleIdempotencyKey(db, claim, null).catch(() => undefined);
    throw error;
  }
}
