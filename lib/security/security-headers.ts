// The headers every page and API answer carries (set by proxy.ts, per request). Scripts run only
// with this request's nonce ('strict-dynamic' lets them load the chunks they import), so an
// injected <script> or inline handler does nothing. Styles allow 'unsafe-inline': CodeMirror and
// recharts set element styles at run time, and a style cannot run code. Nothing may frame Hangar
// (clickjacking); HSTS is sent only when the public URL is https, since on http it is ignored
// and would pin nothing.
export type SecurityHeaderOptions = {
  /** A fresh, unguessable value per request (base64). */
  nonce: string;
  /** HANGAR_URL, the address users reach Hangar at. */
  publicUrl: string;
  /** `next dev`: React's dev build needs eval for its error overlays. */
  development?: boolean;
};

export function contentSecurityPolicy({ nonce, publicUrl, development = false }: SecurityHeaderOptions): string {
  const https = publicUrl.startsWith("https:");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(options),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    // Older browsers that ignore frame-ancestors.
    "x-frame-options": "DENY",
    ...(options.publicUrl.startsWith("https:") ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** 128 random bits, base64: what a CSP nonce needs to be unguessable. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
