import "server-only";
// The one wrapper every API route uses: authenticate (API token or session + CSRF check) ->
// parse params, query and body (zod) -> call lib/ -> shape the answer by the response schema ->
// map errors. Domain errors become JSON with a code, a message and field paths; nothing else leaks.
import { NextResponse, type NextRequest } from "next/server";
import { ZodError, type z } from "zod";
import { AppError, Forbidden, Invalid, Throttled } from "@/lib/errors";
import { invalidFromZod } from "@/lib/errors/zod-issues";
import { clientAddress } from "@/lib/audit/client-address";
import type { RequestContext } from "@/lib/audit/record-audit-event";
import { postgresErrorCode } from "@/lib/db/one-statement";
import { withContract, type OperationContract } from "@/lib/api-contract/operation";
import { scopeAllowsMethod } from "@/lib/identity/api-tokens";
import type { Caller } from "@/lib/identity/caller";
import { authenticate } from "./authenticate";
import { idempotent } from "./idempotent";
import { readRawBody } from "./raw-body";
import { web } from "./runtime";

export type RouteContext<Body, Query, Params = Record<string, string>> = {
  caller: Caller;
  body: Body;
  query: Query;
  params: Params;
  request: NextRequest;
  context: RequestContext;
};

type Schema = z.ZodType;
type Infer<S> = S extends Schema ? z.infer<S> : undefined;

// Text Postgres cannot store (a NUL byte, an invalid escape in a path or a search): bad input.
const BAD_TEXT = new Set(["22021", "22P05", "22025"]);

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof ZodError) return errorResponse(invalidFromZod(error));
  if (error instanceof AppError) {
    const headers = error instanceof Throttled ? { "retry-after": String(error.retryAfterSeconds) } : undefined;
    return NextResponse.json({ error: { code: error.code, message: error.message, issues: error.issues } }, { status: error.status, headers });
  }
  const sqlState = postgresErrorCode(error);
  if (sqlState && BAD_TEXT.has(sqlState)) return errorResponse(new Invalid("The request contains characters that cannot be stored (e.g. a NUL byte)"));
  web().logger.error({ err: error }, "unhandled API error");
  return NextResponse.json({ error: { code: "internal", message: "Internal error" } }, { status: 500 });
}

export function requestContext(request: NextRequest, caller?: Caller): RequestContext {
  return {
    ip: clientAddress(request.headers.get("x-forwarded-for"), web().config.HANGAR_TRUSTED_PROXIES),
    userAgent: request.headers.get("user-agent"),
    ...(caller?.token ? { apiTokenId: caller.token.id } : {}),
  };
}

const YAML_TYPES = /^(application|text)\/(x-)?yaml\b/i;

/** True when the body is YAML (a template sent as is): it arrives as `{ source }`. */
export function isYamlBody(request: NextRequest): boolean {
  return YAML_TYPES.test(request.headers.get("content-type") ?? "");
}

function parseBody(request: NextRequest, text: string): unknown {
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

// The schemas and the documentation of one operation: the OpenAPI document reads both from here.
type Spec<B, Q, P, R> = Omit<OperationContract, "body" | "query" | "params" | "response"> & { body?: B; query?: Q; params?: P; response?: R };

/** The answer as JSON, reduced to what the response schema declares (nothing internal leaks). */
function shapeAnswer(result: unknown, schema: Schema | undefined, where: string): unknown {
  const json: unknown = JSON.parse(JSON.stringify(result ?? { ok: true }));
  if (!schema) return json;
  const checked = schema.safeParse(json);
  if (checked.success) return checked.data;
  const { config, logger } = web();
  logger.error({ route: where, issues: checked.error.issues.slice(0, 5) }, "API answer does not match its response schema");
  if (config.HANGAR_VALIDATE_RESPONSES) throw new Error(`Response of ${where} does not match its schema: ${checked.error.message}`);
  return json;
}

/** A handler's own JSON Response (a 201 with a Location, say) is shaped the same way, status and headers kept. */
async function shapeResponse(response: Response, schema: Schema, where: string): Promise<Response> {
  if (!response.ok || !/^application\/json/i.test(response.headers.get("content-type") ?? "")) return response;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return NextResponse.json(shapeAnswer(await response.json(), schema, where), { status: response.status, headers });
}

export function route<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, P extends Schema | undefined = undefined, R extends Schema | undefined = undefined>(
  spec: Spec<B, Q, P, R>,
  handler: (ctx: RouteContext<Infer<B>, Infer<Q>, P extends Schema ? z.infer<P> : Record<string, string>>) => Promise<unknown>,
) {
  return withContract(async (request: NextRequest, segment: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const context = requestContext(request);
      const caller = await authenticate(request, context);
      if (caller.token && !scopeAllowsMethod(caller.token.scope, request.method)) throw new Forbidden("This API token is read-only; create a write-scoped token to change things");
      const bodyText = spec.body ? await readRawBody(request, web().config.HANGAR_MAX_BODY_BYTES) : "";
      return await idempotent(request, caller, bodyText, async () => {
        try {
          const rawParams = (await segment?.params) ?? {};
          const params = spec.params ? parseWith(spec.params, rawParams, "params") : rawParams;
          const body = spec.body ? parseWith(spec.body, parseBody(request, bodyText)) : undefined;
          const query = spec.query ? parseWith(spec.query, Object.fromEntries(request.nextUrl.searchParams), "query") : undefined;
          const result = await handler({
            caller,
            body: body as Infer<B>,
            query: query as Infer<Q>,
            params: params as P extends Schema ? z.infer<P> : Record<string, string>,
            request,
            context: requestContext(request, caller),
          });
          const where = `${request.method} ${request.nextUrl.pathname}`;
          if (result instanceof Response) return spec.response ? await shapeResponse(result, spec.response, where) : result;
          return NextResponse.json(shapeAnswer(result, spec.response, where));
        } catch (error) {
          return errorResponse(error);
        }
      });
    } catch (error) {
      return errorResponse(error);
    }
  }, spec);
}
