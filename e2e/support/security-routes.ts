// The security suite's view of the API: every (method, path template) /api/v1 serves, read from
// the OpenAPI document when the system serves one and from the route files on disk (the union,
// so a route missing from either is still walked), and the path with real ids filled in.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];
/** `template` names path parameters like the files do, as `:id` / `:version`. */
export type ApiRoute = {
  method: Method;
  template: string;
  key: string;
  hasBody: boolean;
};

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");

/** Public on purpose: the template format for editors, signed CI webhooks, the API's own description. */
export const PUBLIC = new Set([
  "GET /api/v1/templates/schema.json",
  "POST /api/v1/services/:id/webhook",
  "GET /api/v1/openapi.json",
]);

/** Answers that are streams (Server-Sent Events): read only their status, never their whole body. */
export const STREAMS = new Set(["GET /api/v1/environments/:id/events"]);

const keyOf = (method: Method, template: string) => `${method} ${template}`;

/** Source with string literals and comments emptied, so a summary's words or braces read as nothing. */
function withoutStrings(source: string): string {
  // One pass, left to right: a quote inside a comment or "//" inside a string is not misread.
  return source.replace(
    /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|\/\/[^\n]*|\/\*[\s\S]*?\*\//g,
    (match) => (match.startsWith("/") ? "" : '""'),
  );
}

/** The first balanced `{ ... }` at or after `from`: route()'s spec object. */
function firstObject(code: string, from: number): string {
  const open = code.indexOf("{", from);
  let depth = 0;
  for (let at = open; open >= 0 && at < code.length; at++) {
    if (code[at] === "{") depth++;
    else if (code[at] === "}" && --depth === 0) return code.slice(open, at + 1);
  }
  return "";
}

/** Route files under app/api/v1 and the methods they export; `hasBody` when the route reads a body. */
export function fileRoutes(): ApiRoute[] {
  const routes: ApiRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.tsx?$/.test(entry.name)) {
        const code = withoutStrings(readFileSync(full, "utf8"));
        const template = `/api/v1/${path.relative(API_DIR, dir)}`
          .replace(/\/$/, "")
          .replace(/\[([^\]]+)\]/g, ":$1");
        for (const method of METHODS) {
          const own = new RegExp(
            `export\\s+(const|async\\s+function|function)\\s+${method}\\b\\s*=?\\s*(route\\()?`,
          ).exec(code);
          const reexported = new RegExp(
            `export\\s*\\{[^}]*\\bas\\s+${method}\\b`,
          ).test(code);
          if (!own && !reexported) continue;
          // route({ body: ... }) reads a body; a hand-written handler (the webhook) reads its own.
          const spec = own?.[2]
            ? firstObject(code, own.index + own[0].length)
            : "";
          const hasBody =
            method !== "GET" &&
            method !== "DELETE" &&
            Boolean(own) &&
            (own?.[2] ? /[{,]\s*body\s*[:,}]/.test(spec) : true);
          routes.push({
            method,
            template,
            key: keyOf(method, template),
            hasBody,
          });
        }
      }
    }
  };
  walk(API_DIR);
  return routes;
}

type OpenApiDocument = {
  paths?: Record<string, Record<string, { requestBody?: unknown }>>;
};

/** The routes the served OpenAPI document lists, or [] while the system serves none. */
export async function openApiRoutes(
  request: APIRequestContext,
): Promise<ApiRoute[]> {
  const response = await request.get("/api/v1/openapi.json");
  if (response.status() !== 200) return [];
  const document = (await response.json()) as OpenApiDocument;
  const routes: ApiRoute[] = [];
  for (const [documented, operations] of Object.entries(document.paths ?? {})) {
    const template = (
      documented.startsWith("/api/v1") ? documented : `/api/v1${documented}`
    ).replace(/\{([^}]+)\}/g, ":$1");
    for (const [name, operation] of Object.entries(operations)) {
      const method = name.toUpperCase() as Method;
      if (METHODS.includes(method))
        routes.push({
          method,
          template,
          key: keyOf(method, template),
          hasBody: Boolean(operation?.requestBody),
        });
    }
  }
  return routes;
}

/** Both lists merged by key (parameter names may differ: `{id}` and `[id]` are the same slot). */
export async function allRoutes(
  request: APIRequestContext,
): Promise<ApiRoute[]> {
  const byShape = new Map<string, ApiRoute>();
  const shape = (route: ApiRoute) =>
    `${route.method} ${route.template.replace(/:[^/]+/g, ":p")}`;
  for (const route of [...fileRoutes(), ...(await openApiRoutes(request))]) {
    const known = byShape.get(shape(route));
    if (!known) byShape.set(shape(route), route);
    else if (route.hasBody) known.hasBody = true;
  }
  return [...byShape.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export const isPublic = (route: ApiRoute) =>
  PUBLIC.has(route.key.replace(/:[a-zA-Z]+/g, ":id"));
export const isUnsafe = (route: ApiRoute) => route.method !== "GET";

/** Ids of real resources, by the collection whose `:id` they fill (`templates` takes a slug). */
export type Ids = Partial<
  Record<
    | "environments"
    | "services"
    | "deployments"
    | "runs"
    | "templates"
    | "cloud-accounts"
    | "tokens"
    | "users",
    string
  >
> & {
  releaseVersion?: string;
  templateVersion?: string;
};

/** The route's path with each parameter replaced by the matching id, or `fallback` where none fits. */
export function fillPath(
  template: string,
  ids: Ids,
  fallback: () => string,
): string {
  const parts = template.split("/");
  return parts
    .map((part, index) => {
      if (!part.startsWith(":")) return part;
      const collection = parts[index - 1] ?? "";
      if (collection === "releases")
        return encodeURIComponent(ids.releaseVersion ?? fallback());
      if (collection === "versions") return ids.templateVersion ?? "1";
      return encodeURIComponent(
        (ids as Record<string, string | undefined>)[collection] ?? fallback(),
      );
    })
    .join("/");
}
