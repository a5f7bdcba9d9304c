// A URL path whose percent-escapes are not UTF-8 (`%FF`, the overlong `%C0%AF`, an encoded
// surrogate `%ED%A0%80`) makes Next's router throw while it decodes the route's parameters, and
// it answers a plain-text 500 before any route handler runs. The proxy refuses such paths first.

/** True when `pathname` (as sent, still encoded) has escapes that do not decode as UTF-8. */
export function hasBadPercentEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
