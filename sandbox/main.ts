// Standalone sandbox: `npx tsx sandbox/main.ts [--port 4510] [--state-file f] [--limits aws|off]
// [--timings fast|realistic] [--credentials AKID:SECRET,...] [--seed n] [--allowed-hosts a,b]`. Flags win over env vars.
import { parseArgs } from "node:util";
import { z } from "zod";
import { startSandbox } from "./server";

const credentialsSchema = z.string().transform((text, ctx) => {
  const map: Record<string, string> = {};
  for (const pair of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf(":");
    if (at <= 0 || at === pair.length - 1) {
      ctx.addIssue({ code: "custom", message: `expected AKID:SECRET, got '${pair}'` });
      return z.NEVER;
    }
    map[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return map;
});

const cliSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(4510),
  host: z.string().min(1).default("127.0.0.1"),
  stateFile: z.string().min(1).optional(),
  limits: z.enum(["aws", "off"]).default("aws"),
  timings: z.enum(["fast", "realistic"]).default("realistic"),
  credentials: credentialsSchema.optional(),
  seed: z.coerce.number().int().optional(),
  allowedHosts: z
    .string()
    .default("")
    .transform((text) => text.split(",").map((h) => h.trim()).filter(Boolean)),
});

function readOptions(): z.infer<typeof cliSchema> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "state-file": { type: "string" },
      limits: { type: "string" },
      timings: { type: "string" },
      credentials: { type: "string" },
      seed: { type: "string" },
      "allowed-hosts": { type: "string" },
    },
    strict: true,
  });
  const env = process.env;
  const parsed = cliSchema.safeParse({
    port: values.port ?? env.SANDBOX_PORT,
    host: values.host ?? env.SANDBOX_HOST,
    stateFile: values["state-file"] ?? env.SANDBOX_STATE_FILE,
    limits: values.limits ?? env.SANDBOX_LIMITS,
    timings: values.timings ?? env.SANDBOX_TIMINGS,
    credentials: values.credentials ?? env.SANDBOX_CREDENTIALS,
    seed: values.seed ?? env.SANDBOX_SEED,
    allowedHosts: values["allowed-hosts"] ?? env.SANDBOX_ALLOWED_HOSTS,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  --${i.path.join(".")}: ${i.message}`);
    process.stderr.write(`Invalid sandbox options:\n${lines.join("\n")}\n`);
    process.exit(2);
  }
  return parsed.data;
}

async function main(): Promise<void> {
  const options = readOptions();
  const sandbox = await startSandbox(options);
  process.stdout.write(`Sandbox EC2 listening on ${sandbox.url}\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    void sandbox.close().then(
      () => {
        process.stdout.write(`Sandbox EC2 stopped (${signal})\n`);
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`Sandbox EC2 failed to stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`Sandbox EC2 failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
