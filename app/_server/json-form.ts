import "server-only";
// The body of a form posted without a session (/api/setup, /api/invite): those routes cannot use
// route(), which would ask for one, but the same rules hold. JSON only, since a cross-site form
// cannot send it without a preflight; and at most `limitBytes`, read before JSON.parse, so an
// anonymous caller cannot make the server hold a body of any size.
import { Invalid, UnsupportedMediaType } from "@/lib/errors";
import { readRawBody } from "./raw-body";

export async function readJsonForm(request: Request, limitBytes: number, what: string): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) throw new UnsupportedMediaType(`Send the ${what} as application/json`);
  const text = await readRawBody(request, limitBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Invalid("Request body is not valid JSON", [{ path: "body", message: "not valid JSON" }]);
  }
}
