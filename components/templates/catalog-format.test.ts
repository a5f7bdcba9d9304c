import { describe, expect, it } from "vitest";
import { formatApproxSeconds, formatCostRange } from "./catalog-format";

describe("catalog figures", () => {
  it("cost ranges in cents per hour, one figure when both ends agree", () => {
    expect(formatCostRange({ minUsdPerHour: 0.0104, maxUsdPerHour: 0.1664 })).toBe("$0.01–$0.17/h");
    expect(formatCostRange({ minUsdPerHour: 0.0416, maxUsdPerHour: 0.0416 })).toBe("$0.04/h");
    expect(formatCostRange({ minUsdPerHour: 0.0052, maxUsdPerHour: 1.0016 })).toBe("$0.005–$1.00/h");
  });

  it("times to ready as a person says them", () => {
    expect(formatApproxSeconds(47.6)).toBe("48 s");
    expect(formatApproxSeconds(0.2)).toBe("1 s");
    expect(formatApproxSeconds(200)).toBe("3 min");
    expect(formatApproxSeconds(5400)).toBe("1.5 h");
    expect(formatApproxSeconds(7200)).toBe("2 h");
  });
});
