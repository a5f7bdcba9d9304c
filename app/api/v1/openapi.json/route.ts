import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "@/lib/api-contract/openapi-document";
import { withContract } from "@/lib/api-contract/operation";
import { API_ROUTES } from "./route-modules";

export const dynamic = "force-dynamic";

// Built once per process: the routes and their schemas do not change while it runs.
let document: Record<string, unknown> | undefined;

/**
 * The API's OpenAPI 3.1 document, generated from the schemas the routes parse and answer with.
 * Public: it describes the API and holds no data.
 */
export const GET = withContract(
  (): Response => {
    document ??= buildOpenApiDocument([...API_ROUTES, { path: "/api/v1/openapi.json", module: { GET } }], { version: "v1" });
    return NextResponse.json(document, { headers: { "cache-control": "public, max-age=300" } });
  },
  {
    summary: "This document: the API as OpenAPI 3.1",
    description: "Generated from the same zod schemas the routes parse requests and shape answers with; rendered at `/api/docs`.",
    public: true,
    produces: { types: ["application/json"], description: "An OpenAPI 3.1 document" },
  },
);
