// Bundles the CLI into one file, dist/cli/hangar.mjs: ESM with a node shebang and every
// dependency inlined, so it runs with nothing but Node 20 (`npm run build:cli`). Commander is
// CommonJS: the bundle gets a `require` for the Node built-ins it asks for.
import { chmod, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

// esbuild is the one tsx (a dependency) runs on: taken from tsx, so the bundler is always the
// version the project already installs and tests with, and no second copy is pinned.
const require = createRequire(import.meta.url);
const { build } = createRequire(require.resolve("tsx"))("esbuild");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, "dist/cli/hangar.mjs");
const { version } = JSON.parse(await readFile(path.join(root, "package.json"), "utf8"));

await build({
  entryPoints: [path.join(root, "cli/main.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: false,
  legalComments: "none",
  logLevel: "warning",
  define: { __HANGAR_CLI_VERSION__: JSON.stringify(version) },
  alias: { "@": root },
  banner: { js: '#!/usr/bin/env node\nimport { createRequire as __hangarCreateRequire } from "node:module";\nconst require = __hangarCreateRequire(import.meta.url);' },
});
await chmod(outfile, 0o755);
process.stdout.write(`built ${path.relative(process.cwd(), outfile)}\n`);
