import "server-only";
// Swagger UI's files, served from our own origin out of node_modules (the package is a
// dependency, so the Docker image has it too): no CDN, and the CSP's script-src stays 'self' +
// nonce. Only the two files the page loads can be asked for.
import { readFile } from "node:fs/promises";
import path from "node:path";

const DIR = path.join(process.cwd(), "node_modules", "swagger-ui-dist");

export const SWAGGER_UI_FILES: Record<string, string> = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
};

const cache = new Map<string, Promise<Buffer>>();

/** The file's bytes (read once per process), or null for a name that is not served. */
export function swaggerUiFile(name: string): Promise<Buffer> | null {
  if (!Object.hasOwn(SWAGGER_UI_FILES, name)) return null;
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFile(path.join(DIR, name));
    cache.set(name, bytes);
  }
  return bytes;
}

let version: Promise<string> | undefined;

/** The bundled Swagger UI's version: asset URLs carry it, so browsers may cache them for long. */
export function swaggerUiVersion(): Promise<string> {
  version ??= readFile(path.join(DIR, "package.json"), "utf8").then((text) => (JSON.parse(text) as { version: string }).version);
  return version;
}
