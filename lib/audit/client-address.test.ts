import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("takes the entry the nearest proxy appended, not one the client wrote", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.7", null)).toBe("203.0.113.7");
    expect(clientAddress(" 203.0.113.7 ", "10.0.0.1")).toBe("203.0.113.7");
  });
  it("falls back to X-Real-IP, then to nothing", () => {
    expect(clientAddress(null, "198.51.100.2")).toBe("198.51.100.2");
    expect(clientAddress(" , ", undefined)).toBeNull();
  });
});
