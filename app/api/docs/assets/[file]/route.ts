import { NextResponse } from "next/server";
import { SWAGGER_UI_FILES, swaggerUiFile } from "../../swagger-ui-files";

/** Swagger UI's script and stylesheet for /api/docs (public, like the page). */
export async function GET(_request: Request, segment: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await segment.params;
  const bytes = swaggerUiFile(file);
  if (!bytes) return NextResponse.json({ error: { code: "not_found", message: "No such file" } }, { status: 404 });
  return new Response(new Uint8Array(await bytes), {
    // The page asks for them with the package version in the query, so a new version is a new URL.
    headers: { "content-type": SWAGGER_UI_FILES[file]!, "cache-control": "public, max-age=604800, immutable" },
  });
}
