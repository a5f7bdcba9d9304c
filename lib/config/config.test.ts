import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCloudAccountSchema } from "../cloud-accounts/schemas";
import { ConfigError, isReservedVariableName, parseConfig, readNamedSecret } from "./index";

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
  it("never reads Hangar's own settings, whatever an account names", () => {
    process.env.AWS_TEAM_A_KEY_ID = "AKIAEXAMPLE";
    for (const name of ["NEXTAUTH_SECRET", "HANGAR_ENCRYPTION_KEY", "DATABASE_URL", "REDIS_URL", "PORT", "LOG_LEVEL", "PGPASSWORD"]) {
      expect(isReservedVariableName(name)).toBe(true);
      expect(readNamedSecret(name)).toBeUndefined();
    }
    expect(isReservedVariableName("AWS_TEAM_A_KEY_ID")).toBe(false);
    expect(readNamedSecret("AWS_TEAM_A_KEY_ID")).toBe("AKIAEXAMPLE");
    delete process.env.AWS_TEAM_A_KEY_ID;
  });

  it("refuses them when an account is created", () => {
    const result = createCloudAccountSchema.safeParse({
      name: "team-a", provider: "aws", regions: ["us-east-1"], defaultRegion: "us-east-1",
      credentials: { source: "env", accessKeyIdEnv: "NEXTAUTH_SECRET", secretAccessKeyEnv: "AWS_TEAM_A_SECRET" },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["credentials.accessKeyIdEnv"]);
  });
});
