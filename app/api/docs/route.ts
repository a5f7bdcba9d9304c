import { swaggerUiVersion } from "./swagger-ui-files";

export const dynamic = "force-dynamic";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Runs Swagger UI on the document. No validator badge (it would load an image from elsewhere);
// "Try it out" sends the browser's session cookie, same-origin and JSON, as Hangar's pages do.
const START = `window.ui = SwaggerUIBundle({
  url: "/api/v1/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});`;

/**
 * The API reference: Swagger UI rendering /api/v1/openapi.json. Public, like the document: it
 * shows the API's shape and no data (trying a call needs a session or a token like any call).
 * Its scripts carry this request's CSP nonce (proxy.ts); the files come from our own origin.
 */
export async function GET(request: Request): Promise<Response> {
  const nonce = escape(request.headers.get("x-nonce") ?? "");
  const version = encodeURIComponent(await swaggerUiVersion());
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hangar API reference</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css?v=${version}">
</head>
<body>
<p style="font-family: sans-serif; margin: 16px 20px 0"><a href="/">← Hangar</a> · <a href="/api/v1/openapi.json">openapi.json</a></p>
<div id="swagger-ui"></div>
<script nonce="${nonce}" src="/api/docs/assets/swagger-ui-bundle.js?v=${version}"></script>
<script nonce="${nonce}">${START}</script>
</body>
</html>`;
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
