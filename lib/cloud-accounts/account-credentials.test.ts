import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { AccountWithSecret } from "./account-credentials";
import { credentialsFor, CredentialsUnavailable } from "./account-credentials";

const key = randomBytes(32).toString("base64");
const envAccount = (accessKeyIdEnv: string, secretAccessKeyEnv: string) =>
  ({ id: "acc_1", name: "team-a", credentialSource: "env", accessKeyIdEnv, secretAccessKeyEnv, accessKeyId: null, secretAccessKeyEnc: null }) as unknown as AccountWithSecret;

afterEach(() => {
  for (const name of ["CLOUD_CREDENTIAL_A_ID", "CLOUD_CREDENTIAL_A_SECRET", "AWS_TEAM_A_SECRET"]) delete process.env[name];
});

describe("env credentials at use", () => {
  it("reads variables with the operator's prefix", () => {
    process.env.CLOUD_CREDENTIAL_A_ID = "AKIAEXAMPLEKEY0001";
    process.env.CLOUD_CREDENTIAL_A_SECRET = "s3cr3t-value-000000";
    expect(credentialsFor(envAccount("CLOUD_CREDENTIAL_A_ID", "CLOUD_CREDENTIAL_A_SECRET"), key, "CLOUD_CREDENTIAL_")).toEqual({ accessKeyId: "AKIAEXAMPLEKEY0001", secretAccessKey: "s3cr3t-value-000000" });
  });

  it("refuses any other name, even when it is set, naming the prefix (an account stored before the rule, or a changed prefix)", () => {
    process.env.CLOUD_CREDENTIAL_A_ID = "AKIAEXAMPLEKEY0001";
    process.env.AWS_TEAM_A_SECRET = "the-host-s-own-secret";
    for (const [id, secret] of [["CLOUD_CREDENTIAL_A_ID", "AWS_TEAM_A_SECRET"], ["NEXTAUTH_SECRET", "CLOUD_CREDENTIAL_A_ID"]] as const) {
      const attempt = () => credentialsFor(envAccount(id, secret), key, "CLOUD_CREDENTIAL_");
      expect(attempt).toThrow(CredentialsUnavailable);
      expect(attempt).toThrow(/must start with CLOUD_CREDENTIAL_/);
    }
    // The same names under another operator's prefix are refused too.
    expect(() => credentialsFor(envAccount("CLOUD_CREDENTIAL_A_ID", "CLOUD_CREDENTIAL_A_SECRET"), key, "TEAM_KEYS_")).toThrow(/TEAM_KEYS_/);
  });
});
