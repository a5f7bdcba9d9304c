// The cloud-account API's messages are what the form shows under each field: sentences a person
// can act on, at the field's path, never the validator's own text.
import { describe, expect, it } from "vitest";
import { createCloudAccountSchema, updateCloudAccountSchema } from "./schemas";

const valid = {
  name: "team-a",
  provider: "aws",
  regions: ["us-east-1", "eu-west-1"],
  defaultRegion: "us-east-1",
  credentials: { source: "static", accessKeyId: "AKIAEXAMPLEKEY000001", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" },
  ownerTeam: "demo",
};

function issues(body: unknown, schema: typeof createCloudAccountSchema | typeof updateCloudAccountSchema = createCloudAccountSchema): [string, string][] {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
}

describe("cloud account input messages", () => {
  it("accepts a good account", () => {
    expect(issues(valid)).toEqual([]);
  });

  it("says what each field needs, in words", () => {
    expect(issues({ ...valid, credentials: { ...valid.credentials, accessKeyId: "short", secretAccessKey: "tiny" } })).toEqual([
      ["credentials.accessKeyId", "An AWS access key id is 16–128 upper-case letters and digits (AKIA…)"],
      ["credentials.secretAccessKey", "A secret access key is 16–256 characters"],
    ]);
    expect(issues({ ...valid, name: "My Account" })).toEqual([["name", "A name is 2–49 lower-case letters, digits and dashes, starting with a letter or digit"]]);
    expect(issues({ ...valid, regions: [] })).toEqual([["regions", "List at least one region"]]);
    expect(issues({ ...valid, credentials: { source: "magic" } })).toEqual([["credentials.source", "Choose where the credentials come from: default_chain, static or env"]]);
  });

  it("names a bad region inside the list, and a default that is not one of the regions", () => {
    expect(issues({ ...valid, regions: ["us-east-1", "us-east-9", "mars-1"] })).toEqual([
      ["regions.1", "'us-east-9' is not an AWS region (like us-east-1)"],
      ["regions.2", "'mars-1' is not an AWS region (like us-east-1)"],
    ]);
    expect(issues({ ...valid, defaultRegion: "us-west-2" })).toEqual([["defaultRegion", "The default region must be one of the account's regions"]]);
  });

  it("takes only http:// and https:// endpoints", () => {
    for (const endpoint of ["ftp://ec2.example.com", "file:///etc/passwd", "javascript:alert(1)", "not a url", "http://"]) {
      expect(issues({ ...valid, endpoint }), endpoint).toEqual([["endpoint", "Endpoint must be an http:// or https:// URL (like https://ec2.example.internal)"]]);
    }
    expect(issues({ ...valid, endpoint: "https://ec2.example.internal:8443/" })).toEqual([]);
    expect(issues({ endpoint: "ftp://x" }, updateCloudAccountSchema)).toEqual([["endpoint", "Endpoint must be an http:// or https:// URL (like https://ec2.example.internal)"]]);
  });

  it("never passes the validator's own wording through", () => {
    const bodies = [{}, { ...valid, regions: "us-east-1" }, { ...valid, isDefault: "yes" }, { ...valid, sharedWith: 3 }, { ...valid, provider: "gcp" }, { ...valid, credentials: { source: "env" } }];
    for (const body of bodies) {
      for (const [, message] of issues(body)) expect(message).not.toMatch(/^(Too small|Too big|Invalid|Expected|Required)|expected .* received/i);
    }
  });
});
