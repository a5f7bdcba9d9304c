import { describe, expect, it } from "vitest";
import { priceOf, shippedPriceSnapshot } from "./price-of";

describe("priceOf", () => {
  it.each([
    ["t3.micro", 0.0104],
    ["t3.small", 0.0208],
    ["t4g.micro", 0.0084],
    ["m5.large", 0.096],
    ["m7g.large", 0.0816],
    ["c5.large", 0.085],
    ["r5.large", 0.126],
  ])("%s in us-east-1 is the list price", (type, usd) => {
    expect(priceOf(type, "us-east-1")).toEqual({
      instanceType: type,
      region: "us-east-1",
      usdPerHour: usd,
      asOf: "2026-11-01",
      derived: false,
    });
  });

  it("derives other regions with the regional factor and marks them derived", () => {
    const price = priceOf("m5.large", "eu-central-1");
    expect(price?.derived).toBe(true);
    expect(price?.usdPerHour).toBeCloseTo(0.096 * 1.2, 4);
  });

  it("returns null for unknown types and regions rather than a made-up figure", () => {
    expect(priceOf("x9z.huge", "us-east-1")).toBeNull();
    expect(priceOf("t3.micro", "mars-north-1")).toBeNull();
  });

  it("covers the common families", () => {
    for (const type of [
      "t2.nano",
      "t3a.2xlarge",
      "m6i.4xlarge",
      "m6a.large",
      "m7i.xlarge",
      "m6g.2xlarge",
      "c6i.large",
      "c7i.4xlarge",
      "c6g.xlarge",
      "c7g.large",
      "r6i.2xlarge",
      "r6g.large",
      "r7i.large",
      "g4dn.xlarge",
      "g5.xlarge",
    ]) {
      expect(shippedPriceSnapshot.prices[type], type).toBeGreaterThan(0);
    }
  });
});
