// Cross-site request forgery defence for cookie-authenticated calls. SameSite=Lax cookies stop
// other sites but not sibling subdomains ("same-site"), so an unsafe method must also prove it
// came from Hangar's own pages: the browser's Sec-Fetch-Site says same-origin, or (older
// browsers) Origin equals HANGAR_URL. A body must be JSON (or a template's YAML): HTML forms and
// no-preflight fetches can only send form encodings or text/plain. API tokens are exempt (a browser never attaches
// them on its own).
import { Forbidden, UnsupportedMediaType, type AppError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const BODY_TYPES = /^(application\/([a-z0-9.+-]*\+)?json|(application|text)\/(x-)?yaml)\s*(;|$)/i;

export type CsrfInput = {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  contentType: string | null;
  contentLength: string | null;
  transferEncoding: string | null;
};

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** Null when a cookie-authenticated request may proceed; otherwise the error to answer with. */
export function csrfProblem(input: CsrfInput, publicOrigin: string): AppError | null {
  if (isSafeMethod(input.method)) return null;
  const site = input.secFetchSite?.toLowerCase() ?? null;
  const sameOrigin = site === "same-origin" || (site === null && input.origin !== null && input.origin === publicOrigin);
  if (!sameOrigin) {
    return new Forbidden(
      input.origin === "null"
        ? "Cross-origin request refused (Origin: null). Use an API token for calls from scripts."
        : `Cross-origin request refused: a browser session may only change things from ${publicOrigin}. Use an API token for calls from other origins.`,
    );
  }
  const hasBody = (input.contentLength !== null && input.contentLength !== "0") || input.transferEncoding !== null;
  if ((hasBody || input.contentType !== null) && !BODY_TYPES.test(input.contentType ?? "")) {
    return new UnsupportedMediaType("Send the request body as application/json (or application/yaml for a template)");
  }
  return null;
}
