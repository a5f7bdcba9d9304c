// Keeps the README true: the Quickstart holds exactly the two commands, and the configuration
// table documents every variable the config schema reads (and nothing it does not).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configSchema } from "../lib/config";

const readme = readFileSync("README.md", "utf8");

describe("README", () => {
  it("has a Quickstart with one code block of exactly the start and the test command", () => {
    const section = readme.split(/^## /m).find((part) => part.startsWith("Quickstart"));
    expect(section).toBeDefined();
    const blocks = [...section!.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
    expect(blocks[0]!.split("\n")).toEqual(["npm start", "npm test"]);
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBeDefined();
    expect(pkg.scripts.test).toBeDefined();
    expect(readFileSync(".ci/run", "utf8")).toMatch(/^(exec )?npm test\s*$/m);
  });

  it("documents exactly the configuration variables the schema reads", () => {
    const section = readme.split(/^## /m).find((part) => part.startsWith("Configuration"))!;
    const documented = [...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(configSchema.shape).sort());
  });
});
