// What the fuzz spec throws at the API: request bodies built by fast-check from each route's
// valid sample (one field swapped for something hostile, prototype-pollution keys added, a
// value nested thousands deep, a string near the body cap) or from nothing (any JSON at all),
// and path segments with odd bytes.
import fc from "fast-check";

/** The server's default HANGAR_MAX_BODY_BYTES (1 MiB): huge strings stay just under it. */
export const BODY_CAP = 1024 * 1024;

const hostileText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\ud800",
    "\u202e",
    "💥".repeat(50),
    "%00",
    "../../etc/passwd",
    "${7*7}",
    '\'; DROP TABLE "User"; --',
    "__proto__",
    "constructor",
    "x".repeat(5000),
  ),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -1,
    2 ** 31,
    2 ** 53,
    -(2 ** 63),
    1e308,
    true,
    false,
    null,
  ),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), {
    maxKeys: 4,
  }),
);

const nested = (depth: number, leaf: string) =>
  "[".repeat(depth) + leaf + "]".repeat(depth);
const POLLUTION = [
  '"__proto__":{"isAdmin":true,"role":"admin"}',
  '"constructor":{"prototype":{"isAdmin":true}}',
  '"prototype":{"polluted":true}',
];

/** Puts `entries` (raw JSON members) into an object's JSON text, first. */
function withMembers(json: string, entries: string[]): string {
  if (!json.startsWith("{")) return `{${entries.join(",")}}`;
  return json === "{}"
    ? `{${entries.join(",")}}`
    : `{${entries.join(",")},${json.slice(1)}`;
}

/** Raw JSON texts (always parseable by the server, except the deep-nesting ones if it caps depth). */
export function bodyArbitrary(sample: unknown): fc.Arbitrary<string> {
  const base =
    sample && typeof sample === "object" && !Array.isArray(sample)
      ? (sample as Record<string, unknown>)
      : {};
  const keys = Object.keys(base);
  const swapped = fc.tuple(fc.nat(), hostileValue).map(([index, value]) => {
    const key = keys.length > 0 ? keys[index % keys.length]! : "value";
    return JSON.stringify({ ...base, [key]: value });
  });
  const extraKey = fc
    .tuple(fc.string({ unit: "grapheme", maxLength: 20 }), hostileValue)
    .map(([key, value]) => JSON.stringify({ ...base, [key]: value }));
  const polluted = fc
    .subarray(POLLUTION, { minLength: 1 })
    .map((entries) => withMembers(JSON.stringify(base), entries));
  const deep = fc
    .tuple(fc.integer({ min: 50, max: 20_000 }), fc.nat())
    .map(([depth, index]) => {
      const key = keys.length > 0 ? keys[index % keys.length]! : "value";
      return withMembers(JSON.stringify({ ...base, [key]: undefined }), [
        `${JSON.stringify(key)}:${nested(depth, "1")}`,
      ]);
    });
  const huge = fc.nat().map((index) => {
    const key = keys.length > 0 ? keys[index % keys.length]! : "value";
    return JSON.stringify({ ...base, [key]: "y".repeat(BODY_CAP - 4096) });
  });
  return fc.oneof(
    {
      arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)),
      weight: 3,
    },
    { arbitrary: swapped, weight: 6 },
    { arbitrary: extraKey, weight: 2 },
    { arbitrary: polluted, weight: 2 },
    { arbitrary: deep, weight: 1 },
    { arbitrary: huge, weight: 1 },
  );
}

/** Path segments (already percent-encoded as a client would send them). */
export const ODD_SEGMENTS = [
  "%00",
  "a%00b",
  "%FF",
  "%C0%AF",
  "%E2%9C%93",
  "%F0%9F%9A%80",
  "%ED%A0%80",
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  "x".repeat(4000),
  "-1",
  "1e999",
  "%20",
  "'%3B--",
];

/** Runs and seed: E2E_FUZZ_RUNS and E2E_FUZZ_SEED replay a failure the report names. */
export function fuzzSettings(): { numRuns: number; seed: number } {
  const seed = process.env.E2E_FUZZ_SEED
    ? Number(process.env.E2E_FUZZ_SEED)
    : Date.now() % 2 ** 31;
  return { numRuns: Number(process.env.E2E_FUZZ_RUNS ?? 15), seed };
}
