// Log line and audit event ids arrive as text (`after=`, Last-Event-ID, cursors): past Postgres'
// bigint a query would fail with a 500, so such an id is refused at the field instead.
import { describe, expect, it } from "vitest";
import { bigintIdText, isBigintId } from "./common-schemas";

describe("bigint ids", () => {
  it("accept digits within bigint's range and nothing else", () => {
    for (const ok of ["0", "1", "42", "9223372036854775807"]) expect(isBigintId(ok)).toBe(true);
    for (const bad of ["", "-1", "1.5", "1e3", " 1", "9223372036854775808", "99999999999999999999", "9".repeat(400)]) expect(isBigintId(bad)).toBe(false);
  });

  it("refuse an out-of-range id with the field's message", () => {
    const parsed = bigintIdText("must be a log line id").safeParse("9223372036854775808");
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("must be a log line id");
  });
});
