import { describe, expect, it } from "vitest";
import { failureRateBand, frequencyBand, leadTimeBand, restoreBand, windowRange } from "./dora-bands";

const HOUR = 3600;
const DAY = 24 * HOUR;

describe("DORA bands (2023 State of DevOps thresholds)", () => {
  it("deployment frequency: daily is elite, weekly high, monthly medium, rarer low, none unjudged", () => {
    expect(frequencyBand(1, 30)).toBe("elite");
    expect(frequencyBand(1 / 7, 4)).toBe("high");
    expect(frequencyBand(0.99 / 7, 4)).toBe("medium");
    expect(frequencyBand(1 / 30, 1)).toBe("medium");
    expect(frequencyBand(1 / 90, 1)).toBe("low");
    expect(frequencyBand(0, 0)).toBeNull();
  });

  it("lead time: under a day elite, a week high, a month medium", () => {
    expect(leadTimeBand(DAY - 1)).toBe("elite");
    expect(leadTimeBand(DAY)).toBe("high");
    expect(leadTimeBand(7 * DAY)).toBe("high");
    expect(leadTimeBand(30 * DAY)).toBe("medium");
    expect(leadTimeBand(30 * DAY + 1)).toBe("low");
    expect(leadTimeBand(null)).toBeNull();
  });

  it("change failure rate: 5 %, 10 %, 15 %", () => {
    expect(failureRateBand(0)).toBe("elite");
    expect(failureRateBand(0.05)).toBe("elite");
    expect(failureRateBand(0.1)).toBe("high");
    expect(failureRateBand(0.15)).toBe("medium");
    expect(failureRateBand(0.16)).toBe("low");
    expect(failureRateBand(null)).toBeNull();
  });

  it("time to restore: under an hour elite, under a day high, a week medium", () => {
    expect(restoreBand(HOUR - 1)).toBe("elite");
    expect(restoreBand(HOUR)).toBe("high");
    expect(restoreBand(DAY)).toBe("medium");
    expect(restoreBand(7 * DAY)).toBe("medium");
    expect(restoreBand(7 * DAY + 1)).toBe("low");
    expect(restoreBand(null)).toBeNull();
  });
});

describe("windowRange", () => {
  it("is the last N UTC days including today, up to now", () => {
    const now = new Date("2026-03-01T00:30:00.000Z");
    expect(windowRange("7d", now)).toEqual({ from: new Date("2026-02-23T00:00:00.000Z"), to: now, lastDay: new Date("2026-03-01T00:00:00.000Z"), days: 7 });
  });
});
