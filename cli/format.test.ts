import { describe, expect, it } from "vitest";
import { errorText, outputLines, relativeTime, shellQuote, table, variableName } from "./format";

const NOW = Date.parse("2026-12-01T12:00:00Z");

describe("output formatting", () => {
  it("aligns table columns without trailing spaces", () => {
    expect(table(["NAME", "STATE"], [["pr-42", "ready"], ["a", "provisioning"]])).toBe("NAME   STATE\npr-42  ready\na      provisioning\n");
  });

  it("reads times relative to now in the two largest units", () => {
    expect(relativeTime("2026-12-01T19:59:00Z", NOW)).toBe("in 7h 59m");
    expect(relativeTime("2026-12-03T13:00:00Z", NOW)).toBe("in 2d 1h");
    expect(relativeTime("2026-12-01T11:48:00Z", NOW)).toBe("12m ago");
    expect(relativeTime("2026-12-01T12:00:10Z", NOW)).toBe("now");
    expect(relativeTime(null, NOW)).toBe("-");
  });

  it("prints outputs as KEY=value lines, sorted, or shell-quoted exports", () => {
    const outputs = { url: "http://10.0.0.5:8080", "db-host": "10.0.0.6", ssh: "ssh ec2-user@10.0.0.5", note: "it's $HOME" };
    expect(outputLines(outputs)).toBe("DB_HOST=10.0.0.6\nNOTE=it's $HOME\nSSH=ssh ec2-user@10.0.0.5\nURL=http://10.0.0.5:8080\n");
    expect(outputLines(outputs, { exported: true, prefix: "app_" })).toBe(
      "export APP_DB_HOST=10.0.0.6\nexport APP_NOTE='it'\\''s $HOME'\nexport APP_SSH='ssh ec2-user@10.0.0.5'\nexport APP_URL=http://10.0.0.5:8080\n",
    );
    expect(variableName("1st")).toBe("_1ST");
    expect(shellQuote("a b")).toBe("'a b'");
  });

  it("puts each field's problem under the message, once", () => {
    expect(errorText("ttl: exceeds this template's maximum lease of 3d", [{ path: "ttl", message: "exceeds this template's maximum lease of 3d" }])).toBe("error: ttl: exceeds this template's maximum lease of 3d\n");
    expect(errorText("Invalid parameters", [{ path: "parameters.size", message: "must be one of t3.micro" }, { path: "name", message: "is taken" }])).toBe(
      "error: Invalid parameters\n  parameters.size: must be one of t3.micro\n  name: is taken\n",
    );
  });
});
