// The address recorded in audit events. Behind a reverse proxy, X-Forwarded-For is
// "client, proxy1, ..." where each proxy appends the address it received the request from:
// the rightmost entry comes from the proxy in front of Hangar and cannot be forged by the
// client, while anything to its left can. Without a proxy the header is entirely the client's,
// so X-Real-IP (set by the proxy) is only a fallback.
export function clientAddress(forwardedFor: string | null | undefined, realIp: string | null | undefined): string | null {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops[hops.length - 1] ?? realIp?.trim() ?? null;
}
