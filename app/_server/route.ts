import "server-only";
// The one wrapper every API route uses: authenticate -> parse (zod) -> call lib/ -> map errors.
// Domain errors become JSON with a code, a message and field paths; nothing else leaks.
import { NextResponse, type NextRequest } from "next/server";
import { ZodError, type z } from "zod";
import { AppError, Invalid, Unauthenticated } from "@/lib/errors";
import { invalidFromZod } from "@/lib/errors/zod-issues";
import { clientAddress } from "@/lib/audit/client-address";
import type { RequestContext } from "@/lib/audit/record-audit-event";
import type { Caller } from "@/lib/identity/caller";
import { currentCaller } from "./caller";
import { web } from "./runtime";

export type RouteContext<Body, Query> = {
  caller: Caller;
  body: Body;
  query: Query;
  params: Record<string, string>;
  request: NextRequest;
  context: RequestContext;
};

type Schema = z.ZodType;
type Infer<S> = S extends Schema ? z.infer<S> : undefined;

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof ZodError) return errorResponse(invalidFromZod(error));
  if (error instanceof AppError) {
    return NextResponse.json({ error: { code: error.code, message: error.message, issues: error.issues } }, { status: error.status });
  }
  web().logger.error({ err: error }, "unhandled API error");
  return NextResponse.json({ error: { code: "internal", message: "Internal error" } }, { status: 500 });
}

export function requestContext(request: NextRequest): RequestContext {
  return { ip: clientAddress(request.headers.get("x-forwarded-for"), web().config.HANGAR_TRUSTED_PROXIES), userAgent: request.headers.get("user-agent") };
}

const YAML_TYPES = /^(application|text)\/(x-)?yaml\b/i;

/** True when the body is YAML (a template sent as is): it arrives as `{ source }`. */
export function isYamlBody(request: NextRequest): boolean {
  return YAML_TYPES.test(request.headers.get("content-type") ?? "");
}

async function readBody(request: NextRequest): Promise<unknown> {
  const text = await request.text();
  if (isYamlBody(request)) return { source: text };
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Invalid("Request body is not valid JSON", [{ path: "body", message: "not valid JSON" }]);
  }
}

/** Parses input with a schema, as route() does: a failure is a 400 with the field paths. */
export function parseInput<S extends Schema>(schema: S, input: unknown, prefix?: string): z.infer<S> {
  return parseWith(schema, input, prefix) as z.infer<S>;
}

function parseWith(schema: Schema, input: unknown, prefix?: string): unknown {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidFromZod(result.error, prefix);
  return result.data;
}

export function route<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  spec: { body?: B; query?: Q },
  handler: (ctx: RouteContext<Infer<B>, Infer<Q>>) => Promise<unknown>,
) {
  return async (request: NextRequest, segment: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const caller = await currentCaller();
      if (!caller) throw new Unauthenticated("Sign in first (or send a valid API token)");
      const body = spec.body ? parseWith(spec.body, await readBody(request)) : undefined;
      const query = spec.query ? parseWith(spec.query, Object.fromEntries(request.nextUrl.searchParams), "query") : undefined;
      const params = (await segment?.params) ?? {};
      const result = await handler({ caller, body: body as Infer<B>, query: query as Infer<Q>, params, request, context: requestContext(request) });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
