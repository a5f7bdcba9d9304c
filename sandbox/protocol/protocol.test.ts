import { describe, expect, it } from "vitest";
import { compileFilters, wildcardMatch } from "./filters";
import { QueryParams } from "./query-params";
import { el, errorXml, escapeXml } from "./xml";

describe("QueryParams", () => {
  const params = QueryParams.fromEntries(
    new URLSearchParams(
      "Action=RunInstances&InstanceId.2=i-b&InstanceId.1=i-a&InstanceId.10=i-j" +
        "&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=env&TagSpecification.1.Tag.1.Value=dev" +
        "&TagSpecification.1.Tag.2.Key=empty&TagSpecification.1.Tag.2.Value=" +
        "&Filter.1.Name=tag%3Aenv&Filter.1.Value.1=a&Filter.1.Value.2=b&Placement.AvailabilityZone=us-east-1a&MinCount=2",
    ),
  );

  it("reads lists in numeric index order", () => {
    expect(params.list("InstanceId")).toEqual(["i-a", "i-b", "i-j"]);
  });

  it("reads nested structures, filters and tags (keeping empty values)", () => {
    const [spec] = params.structs("TagSpecification");
    expect(spec?.string("ResourceType")).toBe("instance");
    expect(spec?.tags("Tag")).toEqual([
      { key: "env", value: "dev" },
      { key: "empty", value: "" },
    ]);
    expect(params.filters()).toEqual([{ name: "tag:env", values: ["a", "b"] }]);
    expect(params.sub("Placement").string("AvailabilityZone")).toBe("us-east-1a");
    expect(params.int("MinCount")).toBe(2);
  });

  it("canonicalises independently of parameter order", () => {
    const a = QueryParams.fromEntries([
      ["A", "1"],
      ["B.1", "x"],
      ["ClientToken", "t1"],
    ]);
    const b = QueryParams.fromEntries([
      ["B.1", "x"],
      ["A", "1"],
      ["ClientToken", "t2"],
    ]);
    expect(a.canonical(["ClientToken"])).toBe(b.canonical(["ClientToken"]));
  });

  it("rejects non-integers as InvalidParameterValue", () => {
    expect(() => QueryParams.fromEntries([["MaxResults", "ten"]]).int("MaxResults")).toThrow(/Invalid value 'ten'/);
  });
});

describe("filters", () => {
  it("supports * and ? wildcards with backslash escapes", () => {
    expect(wildcardMatch("al2023-*-x86_64", "al2023-ami-2023.9-x86_64")).toBe(true);
    expect(wildcardMatch("t3.?", "t3.x")).toBe(true);
    expect(wildcardMatch("a\\*", "a*")).toBe(true);
    expect(wildcardMatch("a\\*", "ab")).toBe(false);
    expect(wildcardMatch("a.b", "axb")).toBe(false);
  });

  it("matches like the regular expression it replaced, on every small pattern and value", () => {
    // The old matcher, kept here as the reference: correct, but it backtracks.
    const reference = (pattern: string, value: string) => {
      let source = "";
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i] as string;
        if (c === "\\" && i + 1 < pattern.length) source += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        else if (c === "*") source += ".*";
        else if (c === "?") source += ".";
        else source += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      }
      return new RegExp(`^${source}$`, "s").test(value);
    };
    const strings = (alphabet: string, max: number): string[] => {
      let all = [""];
      let layer = [""];
      for (let n = 1; n <= max; n++) {
        layer = layer.flatMap((s) => [...alphabet].map((c) => s + c));
        all = all.concat(layer);
      }
      return all;
    };
    const values = strings("ab*", 4);
    let compared = 0;
    for (const pattern of strings("a*?\\", 4)) {
      for (const value of values) {
        expect([pattern, value, wildcardMatch(pattern, value)]).toEqual([pattern, value, reference(pattern, value)]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(30_000);
  });

  it("cannot be made to backtrack: a pathological pattern against a long value answers at once", () => {
    const value = "a".repeat(5000);
    const started = performance.now();
    expect(wildcardMatch("*a*a*a*a*a*a*a*a*b", value)).toBe(false);
    expect(wildcardMatch("*a*a*a*a*a*a*a*a*a", value)).toBe(true);
    expect(wildcardMatch("*a?a*a*a?a*a*a*a*", value)).toBe(true);
    expect(wildcardMatch("?".repeat(5000), value)).toBe(true);
    expect(wildcardMatch("*" + "a".repeat(2500) + "b*", value)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("ORs values and ANDs filters; unknown names are errors", () => {
    const items = [
      { n: "a", t: ["x"] },
      { n: "b", t: ["y"] },
      { n: "c", t: ["x", "y"] },
    ];
    const resolve = (name: string) =>
      name === "n" ? (i: (typeof items)[number]) => i.n : name === "t" ? (i: (typeof items)[number]) => i.t : undefined;
    const match = compileFilters(
      [
        { name: "n", values: ["a", "c"] },
        { name: "t", values: ["y"] },
      ],
      resolve,
    );
    expect(items.filter(match).map((i) => i.n)).toEqual(["c"]);
    expect(() => compileFilters([{ name: "zzz", values: [] }], resolve)).toThrow("The filter 'zzz' is invalid");
  });
});

describe("xml", () => {
  it("escapes text and renders EC2's error envelope", () => {
    expect(escapeXml(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
    expect(el("name", "")).toBe("<name/>");
    expect(el("name", undefined)).toBe("");
    expect(errorXml("X.Y", "bad <thing>", "rid")).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>X.Y</Code><Message>bad &lt;thing&gt;</Message></Error></Errors><RequestID>rid</RequestID></Response>',
    );
  });
});
