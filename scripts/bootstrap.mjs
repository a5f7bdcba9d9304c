#!/usr/bin/env node
// `npm start` and `npm test` enter here, in plain Node, so they work on a fresh clone: install
// dependencies when package-lock.json changed, generate the Prisma client when the schema
// changed, then hand over to the TypeScript entry point (scripts/<command>.ts) under tsx.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [command = "up", ...args] = process.argv.slice(2);
const entries = { up: "scripts/up.ts", test: "scripts/test.ts" };

const hashOf = (...files) => {
  const hash = createHash("sha256");
  for (const file of files) hash.update(existsSync(file) ? readFileSync(file) : "");
  return hash.digest("hex");
};

function run(cmd, cmdArgs, env = {}) {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n${cmd} ${cmdArgs.join(" ")} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

const lock = path.join(root, "package-lock.json");
const installStamp = path.join(root, "node_modules/.hangar-install");
const lockHash = hashOf(lock, path.join(root, "package.json"));
if (!existsSync(installStamp) || readFileSync(installStamp, "utf8") !== lockHash) {
  console.log("Installing dependencies (npm ci)...");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
  writeFileSync(installStamp, lockHash);
}

const schema = path.join(root, "prisma/schema.prisma");
const generateStamp = path.join(root, "lib/db/generated/.hangar-schema");
const schemaHash = hashOf(schema, lock);
if (!existsSync(generateStamp) || readFileSync(generateStamp, "utf8") !== schemaHash) {
  console.log("Generating the Prisma client...");
  // `prisma generate` needs no schema engine; pointing the variable at any file stops a download.
  run(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate"], { PRISMA_SCHEMA_ENGINE_BINARY: process.execPath });
  writeFileSync(generateStamp, schemaHash);
}

const entry = entries[command];
if (!entry) {
  console.error(`Unknown command ${command}; use one of: ${Object.keys(entries).join(", ")}`);
  process.exit(2);
}
// `up` runs in its own process group: Ctrl-C in the terminal then reaches this process only (and
// npm), not the embedded Postgres and redis-server the launcher starts (they would die at once,
// under a worker still finishing its steps). We forward it, and the launcher stops everything in
// order. `test` stays in the terminal's group so Ctrl-C reaches vitest and Playwright directly.
const ownGroup = command === "up";
const child = spawn(process.execPath, ["--import", "tsx", path.join(root, entry), ...args], { cwd: root, stdio: "inherit", detached: ownGroup });
for (const signal of ["SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
process.on("SIGINT", () => {
  if (ownGroup) child.kill("SIGINT");
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
