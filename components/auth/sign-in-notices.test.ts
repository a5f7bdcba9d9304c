import { describe, expect, it } from "vitest";
import { signInNotice } from "./sign-in-notices";

describe("signInNotice", () => {
  it("names the known notices and nothing else, Object's own members included", () => {
    expect(signInNotice("password-changed")).toMatch(/password was changed/);
    for (const key of [undefined, "", "nope", "__proto__", "constructor", "toString", "hasOwnProperty"]) expect(signInNotice(key)).toBeUndefined();
  });
});
