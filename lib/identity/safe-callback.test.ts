import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

describe("safeCallbackPath", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/environments/abc?tab=logs")).toBe("/environments/abc?tab=logs");
    expect(safeCallbackPath(undefined)).toBe("/environments");
  });
  it.each(["https://evil.example/x", "//evil.example", "/.//evil.example", "/a/..//evil.example", "/\\evil.example", "/signin?callbackUrl=/x"])(
    "refuses %s",
    (value) => {
      expect(safeCallbackPath(value)).toBe("/environments");
    },
  );
});
