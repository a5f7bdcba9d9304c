import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "./durations";

describe("durations", () => {
  it.each([
    ["45m", 2700],
    ["8h", 28_800],
    ["3d", 259_200],
    ["1h30m", 5400],
    ["1w", 604_800],
    ["90", 90],
    [" 2H ", 7200],
  ])("parses %s", (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(["", "0", "0h", "h", "1x", "-1h", "1.5h", "1m1h"])("rejects %j", (text) => expect(parseDuration(text)).toBeNull());

  it("formats back", () => {
    expect(formatDuration(5400)).toBe("1h30m");
    expect(formatDuration(259_200)).toBe("3d");
  });
});
