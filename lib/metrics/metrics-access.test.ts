import { describe, expect, it } from "vitest";
import { metricsAccess } from "./metrics-access";

const TOKEN = "metrics-token-0123456789abcdef";

describe("metricsAccess", () => {
  it("is disabled while no token is configured, whatever is sent", () => {
    expect(metricsAccess(undefined, null)).toBe("disabled");
    expect(metricsAccess(undefined, `Bearer ${TOKEN}`)).toBe("disabled");
  });

  it("allows exactly the configured bearer token", () => {
    expect(metricsAccess(TOKEN, `Bearer ${TOKEN}`)).toBe("allowed");
    expect(metricsAccess(TOKEN, `bearer ${TOKEN}`)).toBe("allowed");
  });

  it("denies a missing, different, truncated, extended or non-bearer credential", () => {
    for (const header of [null, "", "Bearer", "Bearer ", `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN, `Bearer ${TOKEN} extra`]) {
      expect(metricsAccess(TOKEN, header), String(header)).toBe("denied");
    }
  });
});
