// Builds the web app only when its inputs changed since the last build (a stamp of file
// sizes and modification times), so a restart takes seconds, not a rebuild.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "public", "next.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];

function fingerprint(root: string): string {
  const hash = createHash("sha256");
  const walk = (entry: string) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const child of readdirSync(full).sort()) if (!child.endsWith(".test.ts") && !child.endsWith(".test.tsx")) walk(path.join(entry, child));
    } else {
      hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  INPUTS.forEach(walk);
  return hash.digest("hex");
}

/** True when .next holds a build of the current inputs. */
export function webBuildIsFresh(root: string): boolean {
  const stamp = path.join(root, ".next/hangar-build-stamp");
  return existsSync(path.join(root, ".next/BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint(root);
}

export function buildWebIfStale(root: string, log: (line: string) => void): void {
  if (webBuildIsFresh(root)) return;
  log("Building the web app (next build, ~20 s the first time)...");
  buildWeb(root);
}

/** `next build`, then the stamp, so a launcher started right after (e2e) does not build again. */
export function buildWeb(root: string, options: { env?: Record<string, string | undefined> } = {}): void {
  // Taken before building: a file edited during the build makes the next start rebuild.
  const current = fingerprint(root);
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    // Next's types declare NODE_ENV required; a caller may leave it out on purpose (next build sets it).
    env: { ...(options.env ?? process.env), NEXT_TELEMETRY_DISABLED: "1" } as unknown as NodeJS.ProcessEnv,
  });
  if (result.status !== 0) throw new Error("next build failed");
  writeFileSync(path.join(root, ".next/hangar-build-stamp"), current);
}
