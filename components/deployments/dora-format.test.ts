import { describe, expect, it } from "vitest";
import { formatDay, formatPerDay, formatRate, formatSeconds } from "./dora-format";

describe("DORA figures as people read them", () => {
  it("durations pick their unit", () => {
    expect(formatSeconds(null)).toBe("—");
    expect(formatSeconds(42)).toBe("42 s");
    expect(formatSeconds(12 * 60)).toBe("12 min");
    expect(formatSeconds(9.5 * 3600)).toBe("9.5 h");
    expect(formatSeconds(3.24 * 86_400)).toBe("3.2 days");
  });

  it("rates and frequencies", () => {
    expect(formatRate(null)).toBe("—");
    expect(formatRate(3 / 8)).toBe("37.5 %");
    expect(formatPerDay(0)).toBe("none");
    expect(formatPerDay(5 / 7)).toBe("0.71 a day");
    expect(formatPerDay(3 / 30)).toBe("0.7 a week");
  });

  it("a UTC day as a short label, whatever the viewer's zone", () => {
    expect(formatDay("2026-06-24")).toBe("Jun 24");
  });
});
