import { describe, expect, it } from "vitest";
import { hasBadPercentEncoding } from "./path-encoding";

describe("hasBadPercentEncoding", () => {
  it("refuses escapes that are not UTF-8", () => {
    for (const path of ["/api/v1/environments/%FF", "/api/v1/templates/%C0%AF", "/api/v1/services/%ED%A0%80", "/x/%E2%9C", "/x/%"]) {
      expect(hasBadPercentEncoding(path), path).toBe(true);
    }
  });

  it("accepts plain paths, UTF-8 escapes and a NUL escape (the routes refuse that themselves)", () => {
    for (const path of ["/api/v1/environments/3f2a", "/api/v1/templates/%E2%9C%93", "/x/%F0%9F%9A%80", "/x/%00", "/x/a%20b"]) {
      expect(hasBadPercentEncoding(path), path).toBe(false);
    }
  });
});
