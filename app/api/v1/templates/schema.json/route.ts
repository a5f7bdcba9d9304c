import { NextResponse } from "next/server";
import { withContract } from "@/lib/api-contract/operation";
import { templateJsonSchema } from "@/lib/templates/template-json-schema";

// Public on purpose: editors fetch it without a session, and it holds nothing but the format.
export const GET = withContract(
  (): Response => NextResponse.json(templateJsonSchema(), { headers: { "cache-control": "public, max-age=300", "content-type": "application/schema+json" } }),
  {
    summary: "The template format as JSON Schema, for editors",
    public: true,
    produces: { types: ["application/schema+json"], description: "A JSON Schema (draft 2020-12) of template YAML" },
  },
);
