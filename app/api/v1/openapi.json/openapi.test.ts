// The document covers exactly the routes on disk, each operation is documented, and the
// document is a structurally valid OpenAPI 3.1 whose schemas compile as JSON Schema 2020-12.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import Ajv2020 from "ajv/dist/2020";

// Route modules mark themselves server-only; this test only reads their contracts.
vi.mock("server-only", () => ({}));

const API_DIR = path.join(process.cwd(), "app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** `METHOD /api/v1/...` for every export of every route file, read from the source text. */
function operationsOnDisk(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = readFileSync(full, "utf8");
        const urlPath = "/api/v1" + path.relative(API_DIR, dir).split(path.sep).map((part) => `/${part.replace(/^\[(\w+)\]$/, "{$1}")}`).join("");
        // `export const GET`, `export async function GET`, or a re-export's name (`export { DELETE as POST }`).
        const reexported = [...source.matchAll(/export \{([^}]*)\}/g)].flatMap(([, names]) => names!.split(",").map((name) => name.trim().split(/\s+as\s+/).pop()!));
        for (const method of METHODS) {
          const exported = new RegExp(`export (const|async function|function) ${method}\\b`).test(source) || reexported.includes(method);
          if (exported) found.push(`${method} ${urlPath}`);
        }
      }
    }
  };
  walk(API_DIR);
  return found.sort();
}

async function document() {
  const { GET } = await import("./route");
  return (await GET().json()) as { openapi: string; paths: Record<string, Record<string, Record<string, unknown>>>; components: { schemas: Record<string, unknown> } };
}

function operationsInDocument(doc: Awaited<ReturnType<typeof document>>): string[] {
  return Object.entries(doc.paths)
    .flatMap(([urlPath, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${urlPath}`))
    .sort();
}

describe("the OpenAPI document", () => {
  it("lists every route file's methods, and nothing else", async () => {
    const onDisk = operationsOnDisk();
    expect(onDisk.length).toBeGreaterThan(50);
    expect(onDisk).toContain("GET /api/v1/environments/{id}");
    expect(onDisk).toContain("POST /api/v1/environments/{id}/destroy");
    expect(operationsInDocument(await document())).toEqual(onDisk);
  });

  it("documents every operation: a summary, path parameters and, for JSON answers, a response schema", async () => {
    const doc = await document();
    const undocumented: string[] = [];
    for (const [urlPath, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${urlPath}`;
        if (typeof op.summary !== "string" || op.summary.length < 10) undocumented.push(`${where}: summary`);
        const pathParams = ((op.parameters ?? []) as { in: string; name: string }[]).filter((p) => p.in === "path").map((p) => p.name);
        expect(pathParams, where).toEqual([...urlPath.matchAll(/\{(\w+)\}/g)].map(([, name]) => name));
        for (const [status, answer] of Object.entries(op.responses as Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>)) {
          const json = answer.content?.["application/json"]?.schema;
          if (status.startsWith("2") && json && Object.keys(json).length <= 1 && json.type === "object") undocumented.push(`${where}: ${status} response schema`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });

  it("is OpenAPI 3.1 whose every schema compiles as JSON Schema 2020-12", async () => {
    const doc = await document();
    expect(doc.openapi).toBe("3.1.0");
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: "doc", components: doc.components }, "doc");
    const schemas: unknown[] = [];
    const collect = (node: unknown, key?: string) => {
      if (!node || typeof node !== "object") return;
      if (key === "schema") schemas.push(node);
      for (const [k, v] of Object.entries(node)) collect(v, k);
    };
    collect(doc.paths);
    expect(schemas.length).toBeGreaterThan(100);
    for (const schema of schemas) {
      const text = JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/');
      expect(() => ajv.compile(JSON.parse(text) as object)).not.toThrow();
    }
  });

  it("declares what it relies on: security schemes, the error answer, tags and unique operation ids", async () => {
    const doc = (await document()) as unknown as Record<string, Record<string, unknown>>;
    expect(Object.keys(doc.components!.securitySchemes as object).sort()).toEqual(["bearer", "session"]);
    expect(doc.components!.schemas).toHaveProperty("Error");
    const ids = Object.values(doc.paths!).flatMap((item) => Object.values(item as Record<string, { operationId: string; tags: string[] }>));
    expect(new Set(ids.map((op) => op.operationId)).size).toBe(ids.length);
    expect(ids.every((op) => op.tags.length === 1)).toBe(true);
    expect((doc.paths!["/api/v1/openapi.json"] as Record<string, { security: unknown[] }>).get!.security).toEqual([]);
  });
});
