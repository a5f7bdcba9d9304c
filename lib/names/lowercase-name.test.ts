import { describe, expect, it } from "vitest";
import { lowercaseName, nameProblem, suggestName } from "./lowercase-name";

const env = { max: 40, example: "my-env" };
const slug = { max: 63, min: 2, letterFirst: true, example: "web-dev" };

describe("names", () => {
  it("accepts a fitting name exactly as sent", () => {
    expect(lowercaseName(env).parse("my-env-2")).toBe("my-env-2");
    expect(nameProblem("a", env)).toBeNull();
    expect(nameProblem("x".repeat(40), env)).toBeNull();
  });

  it("refuses capitals, spaces and other characters with the nearest name that fits, never rewriting them", () => {
    expect(nameProblem("My-Env", env)).toBe("must use only lowercase letters, digits and hyphens: try 'my-env'");
    expect(nameProblem(" my-env ", env)).toBe("must use only lowercase letters, digits and hyphens: try 'my-env'");
    expect(nameProblem("Café au lait!", env)).toBe("must use only lowercase letters, digits and hyphens: try 'cafe-au-lait'");
    expect(nameProblem("!!!", env)).toBe("must use only lowercase letters, digits and hyphens, like 'my-env'");
    const result = lowercaseName(env).safeParse("My-Env");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain("try 'my-env'");
  });

  it("says what else is wrong: length, hyphens at the ends, a digit first where a letter must be", () => {
    expect(nameProblem("a".repeat(41), env)).toBe(`must be at most 40 characters: try '${"a".repeat(40)}'`);
    expect(nameProblem("-web-", env)).toBe("must not start or end with a hyphen: try 'web'");
    expect(nameProblem("", env)).toBe("must not be empty");
    expect(nameProblem("w", slug)).toBe("must be at least 2 characters, like 'web-dev'");
    expect(nameProblem("1web", slug)).toBe("must start with a letter: try 'web'");
    expect(nameProblem("Web Dev", slug)).toBe("must use only lowercase letters, digits and hyphens, starting with a letter: try 'web-dev'");
  });

  it("suggests only names that fit", () => {
    for (const input of ["My-Env", "--A--B--", "ÅÄÖ", "a".repeat(39) + "-b", "9 lives", "..."]) {
      const suggestion = suggestName(input, env);
      if (suggestion) expect(nameProblem(suggestion, env)).toBeNull();
    }
    expect(suggestName("a".repeat(39) + "-b", env)).toBe("a".repeat(39));
  });
});
