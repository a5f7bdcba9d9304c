// Builds the OpenAPI 3.1 document from the routes' own contracts (lib/api-contract/operation.ts):
// the zod schemas route() parses and shapes with become JSON Schema 2020-12, the dialect of
// OpenAPI 3.1, so the document cannot say something the server does not do.
import { z } from "zod";
import { contractOf, successStatuses, type OperationContract } from "./operation";
import { ERROR_STATUSES, errorAnswer, type ErrorStatus } from "./error-schema";

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

/** One route file: its URL path (`/api/v1/environments/{id}`) and its module's exports. */
export type RouteModule = { path: string; module: Record<string, unknown> };

type JsonSchema = Record<string, unknown>;
type Components = Record<string, JsonSchema>;

/**
 * A zod schema as JSON Schema 2020-12. What JSON cannot describe (a transform) is left open
 * rather than refused; `$defs` a schema needs (recursion) move to the document's components.
 */
function jsonSchema(schema: z.ZodType, io: "input" | "output", components: Components): JsonSchema {
  const { $schema: _dialect, $defs, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  if (!$defs) return rest;
  for (const [name, def] of Object.entries($defs as Components)) components[name] = rewriteRefs(def);
  return rewriteRefs(rest);
}

function rewriteRefs(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
}

const camel = (words: string[]) => words.map((word, i) => (i ? word[0]!.toUpperCase() + word.slice(1) : word)).join("");

/** `GET /api/v1/environments/{id}/logs` → `getEnvironmentsByIdLogs`. */
export function operationId(method: HttpMethod, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, "")
    .split(/[/.-]/)
    .filter(Boolean)
    .map((part) => (part.startsWith("{") ? `by${part[1]!.toUpperCase()}${part.slice(2, -1)}` : part));
  return camel([method.toLowerCase(), ...words]);
}

function parameters(path: string, contract: OperationContract, components: Components): JsonSchema[] {
  const declared = contract.params ? (jsonSchema(contract.params, "input", components).properties as Components | undefined) : undefined;
  const inPath = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: declared?.[name!] ?? { type: "string" },
  }));
  if (!contract.query) return inPath;
  const query = jsonSchema(contract.query, "input", components);
  const required = new Set((query.required as string[] | undefined) ?? []);
  const inQuery = Object.entries((query.properties as Components | undefined) ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    // A field with a default may be left out even though the parsed value always has it.
    required: required.has(name) && !("default" in schema),
    ...(typeof schema.description === "string" ? { description: schema.description } : {}),
    schema,
  }));
  return [...inPath, ...inQuery];
}

function requestBody(contract: OperationContract, components: Components): JsonSchema | undefined {
  const body = contract.documentedBody ?? contract.body;
  if (!body) return undefined;
  const content: Components = { "application/json": { schema: jsonSchema(body, "input", components) } };
  for (const type of contract.alsoAccepts ?? []) content[type] = { schema: { type: "string" } };
  return { required: true, content };
}

function errorStatuses(method: HttpMethod, path: string, contract: OperationContract): ErrorStatus[] {
  if (contract.public) return contract.body || contract.documentedBody ? [400, 401, 404, 413] : [];
  const statuses: ErrorStatus[] = [401, 403, 429];
  if (contract.body || contract.documentedBody || contract.query || contract.params || path.includes("{")) statuses.push(400);
  if (path.includes("{")) statuses.push(404);
  if (method !== "GET") statuses.push(409, 415);
  if (contract.body || contract.documentedBody) statuses.push(413);
  return statuses.sort();
}

function responses(method: HttpMethod, path: string, contract: OperationContract, components: Components): JsonSchema {
  const answers: JsonSchema = {};
  for (const status of successStatuses(contract)) {
    if (contract.produces) {
      answers[status] = { description: contract.produces.description, content: Object.fromEntries(contract.produces.types.map((type) => [type, { schema: { type: "string" } }])) };
    } else {
      answers[status] = {
        description: status === 201 ? "Created" : status === 202 ? "Accepted: the work runs in the background" : "OK",
        content: { "application/json": { schema: contract.response ? jsonSchema(contract.response, "output", components) : { type: "object" } } },
      };
    }
  }
  for (const status of errorStatuses(method, path, contract)) answers[status] = { $ref: `#/components/responses/E${status}` };
  return answers;
}

function operation(method: HttpMethod, path: string, contract: OperationContract, components: Components): JsonSchema {
  const tag = path.replace(/^\/api\/v1\//, "").split("/")[0]!;
  const params = parameters(path, contract, components);
  const body = requestBody(contract, components);
  return {
    operationId: operationId(method, path),
    tags: [tag],
    summary: contract.summary,
    ...(contract.description ? { description: contract.description } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: responses(method, path, contract, components),
    ...(contract.public ? { security: [] } : {}),
  };
}

const DESCRIPTION = `Hangar's REST API. Every route accepts an API token (\`Authorization: Bearer hgr_…\`, made under Settings → API tokens or \`POST /api/v1/tokens\`) or the browser's session cookie. Errors are JSON with a code, a message and field paths. Lists page by keyset cursors. See docs/api.md.`;

/** The OpenAPI 3.1 document of the given route modules; exports without a contract are left out. */
export function buildOpenApiDocument(routes: readonly RouteModule[], options: { version: string; serverUrl?: string }): JsonSchema {
  const components: Components = { Error: jsonSchema(errorAnswer, "output", {}) };
  const paths: Record<string, JsonSchema> = {};
  for (const { path, module } of [...routes].sort((a, b) => a.path.localeCompare(b.path))) {
    for (const method of HTTP_METHODS) {
      const contract = contractOf(module[method]);
      if (!contract) continue;
      (paths[path] ??= {})[method.toLowerCase()] = operation(method, path, contract, components);
    }
  }
  const tags = [...new Set(Object.keys(paths).map((path) => path.replace(/^\/api\/v1\//, "").split("/")[0]!))].sort().map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    info: { title: "Hangar API", version: options.version, description: DESCRIPTION },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags,
    paths,
    components: {
      schemas: components,
      responses: Object.fromEntries(
        Object.entries(ERROR_STATUSES).map(([status, description]) => [`E${status}`, { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]),
      ),
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token (personal or team service token), scoped read, write or admin" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The browser session of a signed-in user (changes must come from Hangar's own pages)" },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
  };
}
