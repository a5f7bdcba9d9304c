// Where to go after signing in: only a path on this site. A crafted link must not bounce people
// to another site ("open redirect"), including via paths that normalise to "//host".
const DEFAULT_PATH = "/environments";

export function safeCallbackPath(value: string | undefined): string {
  if (!value) return DEFAULT_PATH;
  try {
    const url = new URL(value, "http://hangar.invalid");
    const path = `${url.pathname}${url.search}`;
    if (url.origin !== "http://hangar.invalid" || url.pathname.startsWith("/signin") || /^\/[/\\]/.test(path)) return DEFAULT_PATH;
    return path;
  } catch {
    return DEFAULT_PATH;
  }
}
