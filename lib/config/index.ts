// The one place that reads process.env. Every process (web, worker, launcher, cli) calls
// getConfig() at start so a bad variable fails fast with a message naming it.
import { z } from "zod";

const booleanish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const base64Key32 = z
  .string()
  .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes, base64-encoded (openssl rand -base64 32)");

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().startsWith("postgres", "must be a postgresql:// URL").optional(),
  REDIS_URL: z.string().url().startsWith("redis", "must be a redis:// or rediss:// URL").optional(),
  HANGAR_REDIS_PREFIX: z.string().regex(/^[a-zA-Z0-9:_-]+$/).default("hangar"),
  HANGAR_URL: z.string().url().default("http://localhost:3000"),
  /** Reverse proxies in front of the web server; the client address is the Nth X-Forwarded-For entry from the right (0: the socket's peer, the header ignored). */
  HANGAR_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(20).default(0),
  /** Live event streams (SSE) one user may hold open at once, across all web processes. */
  HANGAR_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(1000).default(20),
  /** next-auth's own name for the public URL; defaults to HANGAR_URL. */
  NEXTAUTH_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Address `npm start`'s web server listens on: loopback unless the operator opens it up (the image sets 0.0.0.0). */
  HOST: z.string().min(1).default("127.0.0.1"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  HANGAR_ENCRYPTION_KEY: base64Key32.optional(),
  /** The key secrets were sealed with before HANGAR_ENCRYPTION_KEY; read as a fallback until `npm run keys:rotate` re-seals them. */
  HANGAR_ENCRYPTION_KEY_PREVIOUS: base64Key32.optional(),
  /** Cloud accounts' `env` credentials may only name variables that start with this. */
  HANGAR_CREDENTIAL_ENV_PREFIX: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{2,}_$/, "must be upper-case letters, digits and underscores, at least 4 characters, ending in _ (like CLOUD_CREDENTIAL_)")
    .refine((prefix) => !isReservedVariableName(prefix), "must not be a prefix of Hangar's own settings")
    // The SDK's default chain reads AWS_* itself; a prefix covering them would let an account borrow the host's keys.
    .refine((prefix) => !prefix.startsWith("AWS_"), "must not start with AWS_ (the SDK's own variables)")
    .default("CLOUD_CREDENTIAL_"),
  HANGAR_DATA_DIR: z.string().default(".hangar"),
  /** Ports of the Postgres / Redis the launcher starts itself when DATABASE_URL / REDIS_URL are unset. */
  HANGAR_EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  HANGAR_EMBEDDED_REDIS_PORT: z.coerce.number().int().min(1).max(65535).default(63790),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  /** Postgres connections per process; unset: web 10, worker its concurrency + 5, at most 30. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(500).optional(),
  /** Worker /healthz and /metrics; 0 disables the listener. */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Address of that listener: loopback unless a scraper elsewhere needs it. */
  WORKER_HEALTH_HOST: z.string().min(1).default("127.0.0.1"),
  /** Bearer token GET /api/metrics requires; unset, the endpoint answers 404. */
  HANGAR_METRICS_TOKEN: z.string().min(24, "must be at least 24 characters (openssl rand -hex 24)").optional(),
  RUN_WAIT_TIMEOUT_SECONDS: z.coerce.number().int().min(10).default(900),
  DEPLOY_GATE_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(600),
  /** A run's lease in Postgres and its job's lock: a dead worker's runs resume after about this long. */
  RUN_LEASE_SECONDS: z.coerce.number().int().min(2).max(300).default(5),
  POLL_MIN_INTERVAL_MS: z.coerce.number().int().min(50).default(700),
  POLL_MAX_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  SANDBOX_ENABLED: booleanish.default(true),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4510),
  SANDBOX_TIMINGS: z.enum(["realistic", "fast"]).default("realistic"),
  SANDBOX_LIMITS: z.enum(["aws", "off"]).default("aws"),
  HANGAR_SEED_DEMO: booleanish.default(true),
  /** The largest request body any API route reads (bytes); larger ones get 413 before being read. */
  HANGAR_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
  /** Check every API answer against its route's response schema and fail loudly on a mismatch (tests turn this on). */
  HANGAR_VALIDATE_RESPONSES: booleanish.default(false),
  /** A folder of `<slug>.yaml` templates (e.g. a checkout of the team's repository), published at start and by POST /api/v1/templates/sync. */
  HANGAR_TEMPLATES_DIR: z.string().min(1).optional(),
  /** Overrides the demo users' password; unset, `npm start` generates one per install (kept in HANGAR_DATA_DIR). */
  HANGAR_DEMO_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
});

export type Config = z.infer<typeof configSchema>;
/** Variables only the launcher fills in: web and worker require them. */
export type RuntimeConfig = Config & Required<Pick<Config, "DATABASE_URL" | "REDIS_URL" | "NEXTAUTH_SECRET" | "HANGAR_ENCRYPTION_KEY">>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  if (result.data.POLL_MAX_INTERVAL_MS < result.data.POLL_MIN_INTERVAL_MS) {
    throw new ConfigError(["POLL_MAX_INTERVAL_MS: must be >= POLL_MIN_INTERVAL_MS"]);
  }
  return result.data;
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For web and worker processes: the launcher or the operator must have set these. */
export function getRuntimeConfig(): RuntimeConfig {
  const config = getConfig();
  const missing = (["DATABASE_URL", "REDIS_URL", "NEXTAUTH_SECRET", "HANGAR_ENCRYPTION_KEY"] as const).filter((key) => !config[key]);
  if (missing.length > 0) {
    throw new ConfigError(missing.map((key) => `${key}: required (the launcher sets it; see README "Configuration")`));
  }
  return config as RuntimeConfig;
}

/**
 * next-auth reads NEXTAUTH_URL from the environment itself; give it HANGAR_URL when the
 * operator set only that, so one variable configures the public URL.
 */
export function applyNextAuthUrl(config: Config): void {
  process.env.NEXTAUTH_URL ??= config.NEXTAUTH_URL ?? config.HANGAR_URL;
}

/**
 * Hangar's own settings and secrets can never serve as a cloud account's key variables: an
 * admin could otherwise point an account at NEXTAUTH_SECRET and a foreign endpoint, and the
 * signed request would carry the value there (SigV4 sends the access key id in clear).
 */
export function isReservedVariableName(name: string): boolean {
  return /^(HANGAR_|NEXTAUTH_|DATABASE_|REDIS_|SANDBOX_|POSTGRES|PG)/.test(name) || name in configSchema.shape;
}

/**
 * Why a cloud account may not name `name` as a credential variable, or null when it may: it
 * must start with the operator's prefix (HANGAR_CREDENTIAL_ENV_PREFIX), be upper-case letters,
 * digits and underscores, and not be one of Hangar's own variables. A fixed prefix means an
 * admin can only reach variables the operator put there for this purpose, never e.g. the
 * worker's own AWS_SECRET_ACCESS_KEY.
 */
export function credentialVariableProblem(name: string, prefix: string): string | null {
  if (!name.startsWith(prefix) || name.length === prefix.length) return `must start with ${prefix} (the operator's HANGAR_CREDENTIAL_ENV_PREFIX), like ${prefix}TEAM_A_KEY_ID`;
  if (!/^[A-Z0-9_]+$/.test(name)) return "may only hold upper-case letters, digits and underscores";
  if (isReservedVariableName(name)) return "must not be one of Hangar's own settings";
  return null;
}

/** Cloud accounts may name environment variables that hold their keys; only this reads them, and only names the rule above allows. */
export function readNamedSecret(name: string, prefix: string = getConfig().HANGAR_CREDENTIAL_ENV_PREFIX): string | undefined {
  if (credentialVariableProblem(name, prefix) !== null) return undefined;
  return process.env[name];
}

/** The key to seal secrets with, and the one to fall back on while a rotation is under way. */
export function encryptionKeysOf(config: RuntimeConfig): { current: string; previous?: string } {
  return { current: config.HANGAR_ENCRYPTION_KEY, ...(config.HANGAR_ENCRYPTION_KEY_PREVIOUS ? { previous: config.HANGAR_ENCRYPTION_KEY_PREVIOUS } : {}) };
}

/** Tests and the launcher reset the memo after changing the environment. */
export function resetConfigForTests(): void {
  cached = undefined;
}
