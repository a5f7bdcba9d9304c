import "server-only";
// Who is calling an API route: an API token (Authorization: Bearer) or the browser session
// cookie. Token attempts are throttled per client address; cookie-authenticated unsafe calls
// must pass the CSRF check.
import type { NextRequest } from "next/server";
import { Unauthenticated } from "@/lib/errors";
import type { RequestContext } from "@/lib/audit/record-audit-event";
import { authenticateApiToken } from "@/lib/identity/api-tokens";
import type { Caller } from "@/lib/identity/caller";
import { csrfProblem } from "@/lib/identity/csrf";
import { currentCaller } from "./caller";
import { web } from "./runtime";

const BEARER = /^Bearer[ ]+([^\s]+)[ ]*$/i;

export async function authenticate(request: NextRequest, context: RequestContext): Promise<Caller> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) return authenticateBearer(authorization, context);
  const caller = await currentCaller();
  if (!caller) throw new Unauthenticated("Sign in first (or send an API token: Authorization: Bearer <token>)");
  const headers = request.headers;
  const problem = csrfProblem(
    {
      method: request.method,
      origin: headers.get("origin"),
      secFetchSite: headers.get("sec-fetch-site"),
      contentType: headers.get("content-type"),
      contentLength: headers.get("content-length"),
      transferEncoding: headers.get("transfer-encoding"),
    },
    new URL(web().config.HANGAR_URL).origin,
  );
  if (problem) throw problem;
  return caller;
}

async function authenticateBearer(authorization: string, context: RequestContext): Promise<Caller> {
  const token = BEARER.exec(authorization)?.[1];
  if (!token) throw new Unauthenticated("The Authorization header must be 'Bearer <API token>'");
  const { db, throttles } = web();
  const address = context.ip ?? "unknown";
  await throttles.tokenAddress.check(address, "API token attempts from this address");
  const caller = await authenticateApiToken(db, token, context);
  if (!caller) {
    await throttles.tokenAddress.failure(address);
    throw new Unauthenticated("The API token is invalid, expired or revoked");
  }
  return caller;
}
