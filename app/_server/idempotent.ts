import "server-only";
// Idempotency-Key on POST: the first answer is kept for 24 h and replayed to a retry with the
// same key and the same request (marked Idempotent-Replayed: true). Keys are the token's when the
// call came with one; an answer that shows a secret once is not kept (lib/idempotency).
import type { NextRequest } from "next/server";
import { answerToKeep, claimIdempotencyKey, idempotencyPrincipal, settleIdempotencyKey, validateIdempotencyKey } from "@/lib/idempotency/idempotency-keys";
import type { Caller } from "@/lib/identity/caller";
import { web } from "./runtime";

export async function idempotent(request: NextRequest, caller: Caller, bodyText: string, run: () => Promise<Response>): Promise<Response> {
  const header = request.method === "POST" ? request.headers.get("idempotency-key") : null;
  if (header === null) return run();
  const { db } = web();
  const claim = { principal: idempotencyPrincipal(caller), key: validateIdempotencyKey(header), method: request.method, path: request.nextUrl.pathname, body: bodyText };
  const replay = await claimIdempotencyKey(db, claim);
  if (replay) return new Response(replay.body, { status: replay.status, headers: { "content-type": "application/json", "idempotent-replayed": "true" } });
  let response: Response | undefined;
  try {
    response = await run();
    const streaming = response.headers.get("content-type")?.startsWith("text/event-stream");
    const answer = streaming ? null : answerToKeep({ status: response.status, body: await response.clone().text(), cacheControl: response.headers.get("cache-control") });
    await settleIdempotencyKey(db, claim, answer);
    return response;
  } catch (error) {
    if (!response) await settleIdempotencyKey(db, claim, null).catch(() => undefined);
    throw error;
  }
}
