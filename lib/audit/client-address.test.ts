import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("with no proxy, takes the one entry the web server set from the socket", () => {
    expect(clientAddress("127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientAddress("::ffff:198.51.100.2", 0)).toBe("198.51.100.2");
    expect(clientAddress("::1", 0)).toBe("::1");
  });

  it("with N trusted proxies, takes the Nth entry from the right, never one the client wrote further left", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientAddress("6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    expect(clientAddress(" 6.6.6.6 ,203.0.113.7,10.0.0.3 , 10.0.0.2 ", 3)).toBe("203.0.113.7");
  });

  it("with fewer entries than proxies, takes the furthest one there is", () => {
    expect(clientAddress("203.0.113.7", 2)).toBe("203.0.113.7");
    expect(clientAddress("203.0.113.7, 10.0.0.2", 5)).toBe("203.0.113.7");
  });

  it("answers nothing when there is no address", () => {
    expect(clientAddress(null, 0)).toBeNull();
    expect(clientAddress(undefined, 1)).toBeNull();
    expect(clientAddress(" , ", 1)).toBeNull();
  });
});
