// The address recorded in audit events (and used by per-IP throttling). Each proxy appends to
// X-Forwarded-For the address it received the request from, so with N trusted proxies in front
// of Hangar the client is the Nth entry from the right: the rightmost comes from the proxy
// nearest to Hangar, and anything further left than the Nth was written by the client and can
// be forged. With no proxy (N = 0) the header is not read at all: the web server drops the
// client's X-Forwarded-For before Next sees it (forwarded-for-guard.ts), so what is left is the
// one entry Next's server fills in from the socket when the header is absent.
export function clientAddress(forwardedFor: string | null | undefined, trustedProxies: number): string | null {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  if (hops.length === 0) return null;
  // Fewer entries than proxies: the request came through fewer hops than configured; the
  // leftmost entry is the furthest one known (what Express's numeric `trust proxy` does too).
  const fromRight = Math.min(Math.max(trustedProxies, 1), hops.length);
  return normalize(hops[hops.length - fromRight]!);
}

/** `::ffff:203.0.113.7` (an IPv4 peer on a dual-stack socket) is recorded as 203.0.113.7. */
function normalize(address: string): string {
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice("::ffff:".length) : address;
}
