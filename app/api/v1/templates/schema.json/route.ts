import { NextResponse } from "next/server";
import { templateJsonSchema } from "@/lib/templates/template-json-schema";

/**
 * The template format as JSON Schema. Public on purpose: editors fetch it without a session,
 * and it holds nothing but the format.
 */
export function GET(): Response {
  return NextResponse.json(templateJsonSchema(), { headers: { "cache-control": "public, max-age=300", "content-type": "application/schema+json" } });
}
