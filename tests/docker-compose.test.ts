// The self-hosting files are configuration that no other test runs (there is no Docker engine
// here), so this reads them: docker-compose.yml must wire the services and health checks the
// way the docs say, set only variables lib/config knows, and the Dockerfile must build a
// non-root image from the repo's own files without fetching anything but npm packages.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configSchema, parseConfig } from "../lib/config";

const root = path.resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

type Service = {
  image?: string;
  build?: { context: string; target?: string };
  command?: string[];
  environment?: Record<string, string | number | boolean>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
  profiles?: string[];
  volumes?: string[];
  ports?: string[];
};
const compose = parse(read("docker-compose.yml"), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};

const APP_SERVICES = ["migrate", "web", "worker"] as const;
const RUNTIME_REQUIRED = ["DATABASE_URL", "REDIS_URL", "NEXTAUTH_SECRET", "HANGAR_ENCRYPTION_KEY"];

/** Compose interpolation for the forms the file uses: ${VAR:-default} and ${VAR:?message}. */
function interpolate(value: string | number | boolean, given: Record<string, string>): string {
  return String(value).replace(/\$\{([A-Z0-9_]+)(?::-([^}]*)|:\?[^}]*)?\}/g, (_, name: string, fallback?: string) => {
    const set = given[name];
    if (set !== undefined) return set;
    if (fallback !== undefined) return fallback;
    throw new Error(`${name} is required`);
  });
}

describe("docker-compose.yml", () => {
  it("has the services of a Hangar install, the sandbox behind a profile", () => {
    expect(Object.keys(services).sort()).toEqual(["migrate", "postgres", "redis", "sandbox", "web", "worker"]);
    expect(service("postgres").image).toMatch(/^postgres:16/);
    expect(service("redis").image).toMatch(/^redis:7/);
    expect(service("sandbox").profiles).toEqual(["sandbox"]);
    for (const name of ["postgres", "redis", "migrate", "web", "worker"]) expect(service(name).profiles).toBeUndefined();
  });

  it("keeps Postgres and Redis data in named volumes", () => {
    expect(service("postgres").volumes).toContain("postgres-data:/var/lib/postgresql/data");
    expect(service("redis").volumes).toContain("redis-data:/data");
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(["postgres-data", "redis-data"]));
  });

  it("runs Redis with append-only persistence and no eviction (BullMQ must not lose keys)", () => {
    const command = service("redis").command!.join(" ");
    expect(command).toMatch(/--appendonly yes/);
    expect(command).toMatch(/--maxmemory-policy noeviction/);
  });

  it("health-checks every long-running service the right way", () => {
    expect(service("postgres").healthcheck?.test?.join(" ")).toMatch(/pg_isready/);
    expect(service("redis").healthcheck?.test?.join(" ")).toMatch(/redis-cli ping/);
    expect(service("web").healthcheck?.test?.join(" ")).toMatch(/127\.0\.0\.1:3000\/api\/health/);
    const workerPort = service("worker").environment?.WORKER_HEALTH_PORT;
    expect(Number(workerPort)).toBeGreaterThan(0);
    expect(service("worker").healthcheck?.test?.join(" ")).toContain(`127.0.0.1:${workerPort}/healthz`);
    expect(service("sandbox").healthcheck?.test?.join(" ")).toMatch(/\/_sandbox\/health/);
    expect(service("migrate").healthcheck?.disable).toBe(true);
  });

  it("migrates once, before web and workers start, after Postgres is healthy", () => {
    expect(service("migrate").restart).toBe("no");
    expect(service("migrate").depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    for (const name of ["web", "worker"]) {
      expect(service(name).depends_on).toMatchObject({
        migrate: { condition: "service_completed_successfully" },
        redis: { condition: "service_healthy" },
        postgres: { condition: "service_healthy" },
      });
    }
  });

  it("web serves port 3000; the worker shows how to scale out", () => {
    expect(service("web").environment?.PORT).toBe(3000);
    expect(service("web").volumes).toBeUndefined();
    expect(read("docker-compose.yml")).toMatch(/#\s+replicas: \d+/);
  });

  it("builds one image for migrate, web, worker and sandbox from the Dockerfile's runtime stage", () => {
    const images = new Set(["migrate", "web", "worker", "sandbox"].map((name) => service(name).image));
    expect(images.size).toBe(1);
    for (const name of ["migrate", "web", "worker", "sandbox"]) expect(service(name).build).toEqual({ context: ".", target: "runtime" });
  });

  it("sets only variables lib/config knows", () => {
    const known = new Set(Object.keys(configSchema.shape));
    for (const name of APP_SERVICES) {
      const unknown = Object.keys(service(name).environment ?? {}).filter((key) => !known.has(key));
      expect(unknown, `${name} sets variables lib/config does not read`).toEqual([]);
    }
  });

  it("gives web and worker every variable they require, the secrets as required ${VAR:?...}", () => {
    for (const name of ["web", "worker"]) {
      const environment = service(name).environment ?? {};
      for (const key of RUNTIME_REQUIRED) expect(environment[key], `${name}.${key}`).toBeDefined();
      for (const secret of ["NEXTAUTH_SECRET", "HANGAR_ENCRYPTION_KEY"]) expect(String(environment[secret])).toMatch(new RegExp(`^\\$\\{${secret}:\\?.+\\}$`));
    }
    expect(service("migrate").environment?.DATABASE_URL).toBeDefined();
  });

  it("yields a valid configuration once the secrets are given", () => {
    const given = { NEXTAUTH_SECRET: "x".repeat(40), HANGAR_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") };
    for (const name of APP_SERVICES) {
      const environment = Object.fromEntries(Object.entries(service(name).environment ?? {}).map(([key, value]) => [key, interpolate(value, given)]));
      const config = parseConfig(environment);
      expect(config.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(config.REDIS_URL).toBe("redis://redis:6379");
    }
    expect(() => interpolate(service("web").environment!.NEXTAUTH_SECRET!, {})).toThrow(/NEXTAUTH_SECRET is required/);
  });

  it("seeds nothing and publishes no password unless the operator asks", () => {
    const migrate = service("migrate").environment ?? {};
    expect(interpolate(migrate.HANGAR_SEED_DEMO!, {})).toBe("false");
    // No default: an unset HANGAR_DEMO_PASSWORD interpolates to nothing, and migrate refuses to seed.
    expect(interpolate(migrate.HANGAR_DEMO_PASSWORD!, {})).toBe("");
    const given = { NEXTAUTH_SECRET: "x".repeat(40), HANGAR_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") };
    for (const name of APP_SERVICES) {
      const environment = Object.fromEntries(Object.entries(service(name).environment ?? {}).map(([key, value]) => [key, interpolate(value, given)]));
      const config = parseConfig(environment);
      expect(config.HANGAR_DEMO_PASSWORD, name).toBeUndefined();
      expect(config.HANGAR_METRICS_TOKEN, name).toBeUndefined();
    }
    expect(read("docker-compose.yml")).not.toMatch(/hangar-demo/);
  });

  it("listens on every interface inside the containers (the published ports decide what is reachable)", () => {
    expect(service("web").environment?.HOST).toBe("0.0.0.0");
    expect(service("worker").environment?.WORKER_HEALTH_HOST).toBe("0.0.0.0");
    expect(service("worker").ports).toBeUndefined();
    expect(service("web").ports).toEqual(["${HANGAR_PORT:-3000}:3000"]);
  });

  it("runs commands whose files exist in the repo", () => {
    for (const [name, definition] of Object.entries(services)) {
      for (const file of (definition.command ?? []).filter((arg) => /\.(ts|mjs|js)$/.test(arg) && arg !== "server.js")) {
        expect(existsSync(path.join(root, file)), `${name}: ${file}`).toBe(true);
      }
    }
  });
});

type Stage = { name: string; from: string; lines: string[] };

/** Dockerfile instructions (continuations joined, comments dropped), grouped by stage. */
function dockerfileStages(): { args: Record<string, string>; stages: Stage[] } {
  const instructions = read("Dockerfile")
    .replace(/\\\n(\s*#[^\n]*\n)*/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ from: from[1]!.replace(/\$\{(\w+)\}/g, (_, name: string) => args[name] ?? ""), name: from[2] ?? "", lines: [] });
    else if (stages.length === 0 && /^ARG\s+(\w+)=(\S+)/.test(line)) {
      const [, name, value] = /^ARG\s+(\w+)=(\S+)/.exec(line)!;
      args[name!] = value!;
    } else stages.at(-1)?.lines.push(line);
  }
  return { args, stages };
}

describe("Dockerfile", () => {
  const { stages } = dockerfileStages();
  const runtime = stages.at(-1)!;
  const all = stages.flatMap((stage) => stage.lines);

  it("builds in stages on node:20-bookworm-slim, the runtime last", () => {
    expect(stages.map((stage) => stage.name)).toEqual(["deps", "prod-deps", "build", "runtime"]);
    for (const stage of stages) expect(stage.from).toMatch(/^(node:20-bookworm-slim|deps)$/);
  });

  it("installs with npm ci from the lock file, install scripts off", () => {
    const installs = all.filter((line) => /^RUN .*npm (ci|install|i)\b/.test(line));
    expect(installs.length).toBeGreaterThan(0);
    for (const line of installs) expect(line).toMatch(/npm ci .*--ignore-scripts/);
  });

  it("generates the Prisma client offline and builds the standalone server", () => {
    expect(all.some((line) => /PRISMA_SCHEMA_ENGINE_BINARY=\S+ .*prisma.* generate/.test(line))).toBe(true);
    expect(all.some((line) => /HANGAR_STANDALONE_BUILD=1 .*next build/.test(line))).toBe(true);
    expect(read("next.config.ts")).toMatch(/HANGAR_STANDALONE_BUILD === "1" \? "standalone"/);
  });

  it("never downloads browsers or fonts", () => {
    expect(all.filter((line) => /playwright install|fonts\.(googleapis|gstatic)|\b(curl|wget)\b/.test(line))).toEqual([]);
    const sources = (dir: string): string[] =>
      existsSync(dir)
        ? readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(path.join(dir, entry.name)) : /\.(tsx?|css)$/.test(entry.name) ? [path.join(dir, entry.name)] : []))
        : [];
    const fetchingFonts = [...sources(path.join(root, "app")), ...sources(path.join(root, "components"))].filter((file) => /next\/font\/google|fonts\.googleapis/.test(readFileSync(file, "utf8")));
    expect(fetchingFonts, "next/font/google downloads fonts during next build").toEqual([]);
  });

  it("listens on every interface inside the container (HOSTNAME for Next's server, HOST for lib/config)", () => {
    const env = runtime.lines.filter((line) => line.startsWith("ENV")).join(" ");
    expect(env).toMatch(/\bHOSTNAME=0\.0\.0\.0\b/);
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
  });

  it("runs as a non-root user, with a health check on /api/health", () => {
    const users = runtime.lines.filter((line) => /^USER\s+/.test(line));
    expect(users.length).toBe(1);
    expect(users[0]).not.toMatch(/^USER\s+(root|0)(:|$)/);
    expect(runtime.lines.find((line) => line.startsWith("HEALTHCHECK"))).toMatch(/\/api\/health/);
  });

  it("starts the web server from the standalone output, and copies only files the repo has", () => {
    expect(runtime.lines.find((line) => line.startsWith("CMD"))).toBe('CMD ["node", "server.js"]');
    expect(runtime.lines).toContain("COPY --from=build /app/.next/standalone/server.js ./server.js");
    const copied = runtime.lines
      .map((line) => /^COPY --from=build (?:--chown=\S+ )?(\/app\/\S+(?: \/app\/\S+)*) \S+$/.exec(line)?.[1])
      .filter((sources): sources is string => Boolean(sources))
      .flatMap((sources) => sources.split(" ").map((source) => source.replace(/^\/app\//, "")))
      // Build outputs (.next/, dist/) are made in the build stage, not taken from the repo.
      .filter((source) => !source.startsWith(".next/") && !source.startsWith("dist/") && source !== "public");
    expect(copied).toEqual(expect.arrayContaining(["lib", "workers", "scripts", "prisma", "examples", "package.json"]));
    for (const source of copied) expect(existsSync(path.join(root, source)), source).toBe(true);
  });

  it("builds the hangar CLI and puts it on the PATH", () => {
    const build = stages.find((stage) => stage.name === "build")!;
    expect(build.lines).toContain("RUN node cli/build.mjs");
    expect(runtime.lines).toContain("COPY --from=build /app/dist/cli/hangar.mjs /usr/local/bin/hangar");
    expect(read("cli/build.mjs")).toContain('outfile = path.join(root, "dist/cli/hangar.mjs")');
  });

  it("keeps local state and dependencies out of the build context", () => {
    const ignored = read(".dockerignore").split("\n").map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", ".next", ".hangar", ".git", "lib/db/generated"]));
  });
});
