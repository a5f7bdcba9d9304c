import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCloudAccountSchema } from "../cloud-accounts/schemas";
import { ConfigError, credentialVariableProblem, parseConfig, readNamedSecret } from "./index";

describe("config", () => {
  it("has defaults for the embedded mode", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ PORT: 3000, HANGAR_DATA_DIR: ".hangar", SANDBOX_ENABLED: true, WORKER_CONCURRENCY: 20, POLL_MIN_INTERVAL_MS: 700 });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("coerces numbers and booleans, and treats empty strings as unset", () => {
    const config = parseConfig({ PORT: "8080", SANDBOX_ENABLED: "false", HANGAR_SEED_DEMO: "0", DATABASE_URL: "" });
    expect(config.PORT).toBe(8080);
    expect(config.SANDBOX_ENABLED).toBe(false);
    expect(config.HANGAR_SEED_DEMO).toBe(false);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("names every bad variable in one error", () => {
    const error = (() => {
      try {
        parseConfig({ PORT: "abc", REDIS_URL: "http://x", HANGAR_ENCRYPTION_KEY: "short", LOG_LEVEL: "loud" });
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.issues.map((issue) => issue.split(":")[0]).sort()).toEqual(["HANGAR_ENCRYPTION_KEY", "LOG_LEVEL", "PORT", "REDIS_URL"]);
  });

  it("accepts a 32-byte base64 encryption key and checks interval order", () => {
    expect(parseConfig({ HANGAR_ENCRYPTION_KEY: randomBytes(32).toString("base64") }).HANGAR_ENCRYPTION_KEY).toBeDefined();
    expect(() => parseConfig({ POLL_MIN_INTERVAL_MS: "3000", POLL_MAX_INTERVAL_MS: "1000" })).toThrow(/POLL_MAX_INTERVAL_MS/);
  });
});

describe("cloud account key variables", () => {
  const prefix = "CLOUD_CREDENTIAL_";

  it("reads only names with the operator's prefix, never Hangar's own settings or the SDK's", () => {
    process.env.CLOUD_CREDENTIAL_TEAM_A_KEY_ID = "AKIAEXAMPLE";
    process.env.AWS_TEAM_A_KEY_ID = "AKIAOUTSIDE";
    for (const name of ["NEXTAUTH_SECRET", "HANGAR_ENCRYPTION_KEY", "DATABASE_URL", "REDIS_URL", "PORT", "LOG_LEVEL", "PGPASSWORD", "AWS_SECRET_ACCESS_KEY", "AWS_TEAM_A_KEY_ID", "cloud_credential_x", "CLOUD_CREDENTIAL_"]) {
      expect(credentialVariableProblem(name, prefix)).not.toBeNull();
      expect(readNamedSecret(name, prefix)).toBeUndefined();
    }
    expect(credentialVariableProblem("CLOUD_CREDENTIAL_TEAM_A_KEY_ID", prefix)).toBeNull();
    expect(readNamedSecret("CLOUD_CREDENTIAL_TEAM_A_KEY_ID", prefix)).toBe("AKIAEXAMPLE");
    // Another operator's prefix: the same name is out of bounds.
    expect(readNamedSecret("CLOUD_CREDENTIAL_TEAM_A_KEY_ID", "TEAM_KEYS_")).toBeUndefined();
    delete process.env.CLOUD_CREDENTIAL_TEAM_A_KEY_ID;
    delete process.env.AWS_TEAM_A_KEY_ID;
  });

  it("takes the prefix from HANGAR_CREDENTIAL_ENV_PREFIX, refusing one that covers Hangar's or the SDK's variables", () => {
    expect(parseConfig({}).HANGAR_CREDENTIAL_ENV_PREFIX).toBe(prefix);
    expect(parseConfig({ HANGAR_CREDENTIAL_ENV_PREFIX: "TEAM_KEYS_" }).HANGAR_CREDENTIAL_ENV_PREFIX).toBe("TEAM_KEYS_");
    for (const bad of ["AWS_", "HANGAR_", "PG_", "lower_", "NO_TRAILING"]) expect(() => parseConfig({ HANGAR_CREDENTIAL_ENV_PREFIX: bad }), bad).toThrow(/HANGAR_CREDENTIAL_ENV_PREFIX/);
  });

  it("refuses other names when an account is created, naming the prefix", () => {
    const result = createCloudAccountSchema.safeParse({
      name: "team-a", provider: "aws", regions: ["us-east-1"], defaultRegion: "us-east-1", ownerTeam: "demo",
      credentials: { source: "env", accessKeyIdEnv: "AWS_SECRET_ACCESS_KEY", secretAccessKeyEnv: "CLOUD_CREDENTIAL_TEAM_A_SECRET" },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["credentials.accessKeyIdEnv"]);
    expect(result.error?.issues[0]?.message).toContain(prefix);
  });
});
