// Parameters inserted into shell user data arrive as text, whatever they hold: each case renders
// a script with an adversarial value and runs it with a real shell (bash and dash), which must
// print exactly the value, having run nothing else.
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isShellScript, renderShellScript } from "./shell-user-data";

const SHELLS = ["bash", "dash"].filter((shell) => spawnSync(shell, ["-c", "true"]).status === 0);

function render(script: string, value: string): string {
  return renderShellScript(script, (inner) => ({ text: inner.includes("params.x") ? value : "?", raw: /\|\s*raw$/.test(inner) }));
}

function run(shell: string, script: string): string {
  // Generous: a loaded CI machine can take seconds to start a shell; a hang still ends.
  const result = spawnSync(shell, ["-c", script], { encoding: "utf8", timeout: 30_000 });
  if (result.status !== 0) throw new Error(`${shell} failed (${result.status ?? result.signal ?? result.error?.message}): ${result.stderr}\n--- script ---\n${script}`);
  return result.stdout;
}

// Where a value can land in a script, and what the script prints around it.
const CASES: { name: string; script: string; expect: (v: string) => string }[] = [
  { name: "a bare word", script: "printf '%s|' ${{ params.x }}", expect: (v) => `${v}|` },
  { name: "inside double quotes", script: 'printf \'%s|\' "<${{ params.x }}>"', expect: (v) => `<${v}>|` },
  { name: "inside single quotes", script: "printf '%s|' '<${{ params.x }}>'", expect: (v) => `<${v}>|` },
  { name: "an unquoted here-document", script: "cat <<EOF\n<${{ params.x }}>\nEOF", expect: (v) => `<${v}>\n` },
  { name: "a quoted here-document", script: "cat <<'EOF'\n<${{ params.x }}>\nEOF", expect: (v) => `<${v}>\n` },
  { name: "a command substitution in double quotes", script: 'printf \'%s|\' "$(printf \'%s\' ${{ params.x }})"', expect: (v) => `${v.replace(/\n+$/, "")}|` },
  { name: "backticks", script: "printf '%s|' \"`printf '%s' ${{ params.x }}`\"", expect: (v) => `${v.replace(/\n+$/, "")}|` },
  { name: "a comment", script: "# note: ${{ params.x }}\nprintf 'done'", expect: () => "done" },
];

const NASTY = ["$(id)", "`id`", "a'b\"c", "; echo pwned", "\\", "\\'", "$HOME", "${HOME}", "line1\nline2", "'\n$(id)\n'", "EOF", "\"$(echo pwned)\"", "* ? [a]", "-n"];

describe("shell user data", () => {
  it("recognises shell scripts by their #! line", () => {
    expect(isShellScript("#!/bin/bash\necho")).toBe(true);
    expect(isShellScript("#!/usr/bin/env bash\necho")).toBe(true);
    expect(isShellScript("#!/bin/sh -eu\necho")).toBe(true);
    expect(isShellScript("#cloud-config\npackages: [git]")).toBe(false);
    expect(isShellScript("#!/usr/bin/env python3\nprint()")).toBe(false);
  });

  for (const shell of SHELLS) {
    for (const c of CASES) {
      it(`${shell}: a value in ${c.name} arrives as text`, () => {
        for (const value of NASTY) {
          if (c.name.includes("here-document") && value === "EOF") continue; // refused, see below
          expect(run(shell, render(c.script, value)), JSON.stringify(value)).toBe(c.expect(value));
        }
        fc.assert(
          fc.property(fc.string({ unit: fc.constantFrom(..."ab $`'\"\\;|&()<>{}*?#\n!~-=".split("")), maxLength: 24 }), (value) => {
            const lines = value.split("\n");
            fc.pre(!(c.name.includes("here-document") && lines.includes("EOF")));
            expect(run(shell, render(c.script, value))).toBe(c.expect(value));
          }),
          { numRuns: 40 },
        );
        // ~50 shells per case: minutes' worth of headroom on a loaded machine.
      }, 120_000);
    }
  }

  it("refuses a value that would end its here-document, and inserts `| raw` values as they are", () => {
    expect(() => render("cat <<EOF\n${{ params.x }}\nEOF", "ok\nEOF\nid")).toThrow(/delimiter EOF/);
    expect(render("echo ${{ params.x | raw }}", "$HOME")).toBe("echo $HOME");
  });
});
