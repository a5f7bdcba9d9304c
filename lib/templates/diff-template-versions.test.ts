import { describe, expect, it } from "vitest";
import { sideBySide } from "./diff-template-versions";

describe("sideBySide", () => {
  it("pairs a changed line with its replacement and keeps the rest as context, with line numbers on each side", () => {
    const before = "name: Box\nlease: { default: 1h, max: 1d }\nsize: small\nend: true\n";
    const after = "name: Box\nlease: { default: 2h, max: 1d }\nsize: small\nnew: line\nend: true\n";
    const { rows, added, removed } = sideBySide(before, after);
    expect([added, removed]).toEqual([2, 1]);
    expect(rows).toEqual([
      { left: { line: 1, text: "name: Box", kind: "context" }, right: { line: 1, text: "name: Box", kind: "context" } },
      { left: { line: 2, text: "lease: { default: 1h, max: 1d }", kind: "removed" }, right: { line: 2, text: "lease: { default: 2h, max: 1d }", kind: "added" } },
      { left: { line: 3, text: "size: small", kind: "context" }, right: { line: 3, text: "size: small", kind: "context" } },
      { left: null, right: { line: 4, text: "new: line", kind: "added" } },
      { left: { line: 4, text: "end: true", kind: "context" }, right: { line: 5, text: "end: true", kind: "context" } },
    ]);
  });

  it("shows a removed block longer than its replacement with the extra lines alone on the left", () => {
    const { rows } = sideBySide("a\nb\nc\n", "x\n");
    expect(rows.map((r) => [r.left?.text ?? null, r.right?.text ?? null])).toEqual([
      ["a", "x"],
      ["b", null],
      ["c", null],
    ]);
  });
});
