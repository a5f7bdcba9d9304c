// env create / extend / destroy: the changes, with --wait for CI (exit 0 on ready or destroyed,
// 1 with the failed step when the run fails, 124 when --timeout runs out).
import { Option, type Command } from "commander";
import type { ApiClient } from "../client";
import type { Context } from "../context";
import { UsageError } from "../errors";
import type { EnvironmentDetail, TemplateDetail } from "../api-types";
import { json, relativeTime } from "../format";
import { durationArgument, examples, isoTimeArgument, keyValueArgument, positiveIntegerArgument, withJson, type JsonOption } from "../options";
import { fetchEnvironment, resolveEnvironmentId } from "../resolve";
import { waitForState } from "../wait";
import { describeEnvironment } from "./env-read";

const DEFAULT_TIMEOUT = "20m";
const timeoutOption = () => new Option("--timeout <duration>", "give up waiting after this long (exit 124)").argParser(durationArgument).default(durationArgument(DEFAULT_TIMEOUT), DEFAULT_TIMEOUT);

type CreateOptions = { quiet?: boolean; name: string; param?: [string, string][]; ttl?: number; team?: string; region?: string; cloudAccount?: string; templateVersion?: number; wait?: boolean; timeout: number } & JsonOption;

export function registerEnvWrite(env: Command, ctx: Context): void {
  withJson(
    env
      .command("create")
      .summary("request an environment from a template")
      .description("Request an environment from a template (slug or id). Without --wait it returns once the request is accepted; with --wait it follows provisioning and exits 0 when the environment is ready, 1 (naming the failed step) when it fails, 124 when --timeout runs out.")
      .argument("<template>", "template slug or id")
      .requiredOption("--name <name>", "the environment's name: lower-case letters, digits and dashes")
      .option("-p, --param <key=value>", "a template parameter (repeatable); numbers, booleans and lists are converted by the template's schema", keyValueArgument)
      .option("--ttl <duration>", "lease length, e.g. 8h or 3d (default: the template's)", durationArgument)
      .option("--team <team>", "team slug or id (default: your only team where you may create)")
      .option("--region <region>", "region (default: the cloud account's default)")
      .option("--cloud-account <name>", "cloud account name or id (default: the default account)")
      .option("--template-version <n>", "an older version of the template", positiveIntegerArgument)
      .option("--wait", "wait until it is ready (or has failed)")
      .addOption(timeoutOption())
      .option("-q, --quiet", "print only the new environment's id (for scripts)"),
  )
    .addHelpText("after", examples([["a dev box for a pull request, in CI", "hangar env create web-dev --name pr-42 --param branch=feature/x --ttl 4h --wait"], ["just ask, follow later", "hangar env create web-dev --name pr-42 && hangar env logs pr-42 --follow"]]))
    .action(async (template: string, options: CreateOptions) => {
      const { io } = ctx;
      const client = await ctx.client();
      const parameters = options.param ? await typedParameters(client, template, options.param) : {};
      const body = { name: options.name, template, parameters, ttl: options.ttl, team: options.team, region: options.region, cloudAccount: options.cloudAccount, templateVersion: options.templateVersion };
      const created = await client.post<{ id: string; runId: string }>("/api/v1/environments", body);
      if (options.quiet) io.out(`${created.id}\n`);
      if (!options.wait) {
        if (options.quiet) return;
        if (options.json) io.out(json(created));
        else io.out(`Requested ${options.name} (${created.id}). Follow it: hangar env logs ${options.name} --follow\n`);
        return;
      }
      io.err(`Requested ${options.name} (${created.id}); waiting until it is ready...\n`);
      const ready = await waitForState(client, io, created.id, "ready", { timeoutSeconds: options.timeout });
      if (!options.quiet) io.out(options.json ? json(ready) : describeEnvironment(ready, io.now()));
    });

  withJson(
    env
      .command("wait")
      .summary("wait until an environment is ready or destroyed")
      .description("Wait until an environment is ready (or, with --for destroyed, destroyed): exit 0 then, 1 naming the failed step when it fails, 124 when --timeout runs out. Progress goes to stderr.")
      .argument("<environment>", "id or name")
      .addOption(new Option("--for <state>", "the state to wait for").choices(["ready", "destroyed"]).default("ready"))
      .addOption(timeoutOption())
      .option("--team <team>", "the team, when the name is used in several"),
  )
    .addHelpText("after", examples([["request in one step, wait in the next (CI)", 'id=$(hangar env create web-dev --name pr-42 --quiet) && hangar env wait "$id" --timeout 20m']]))
    .action(async (reference: string, options: { for: "ready" | "destroyed"; timeout: number; team?: string } & JsonOption) => {
      const client = await ctx.client();
      const id = await resolveEnvironmentId(client, reference, options.team);
      const reached = await waitForState(client, ctx.io, id, options.for, { timeoutSeconds: options.timeout });
      ctx.io.out(options.json ? json(reached) : `${reached.name} is ${reached.state}\n`);
    });

  withJson(
    env
      .command("extend")
      .summary("extend an environment's lease")
      .description("Extend an environment's lease, by a duration from its current expiry or until a time; at most the template's maximum lease from now (site admins may go past it).")
      .argument("<environment>", "id or name")
      .option("--by <duration>", "how much longer, e.g. 2h", durationArgument)
      .option("--until <time>", "the new expiry, ISO 8601 (e.g. 2026-12-24T18:00:00Z)", isoTimeArgument)
      .option("--team <team>", "the team, when the name is used in several"),
  )
    .addHelpText("after", examples([["two more hours", "hangar env extend pr-42 --by 2h"], ["until Friday evening", "hangar env extend pr-42 --until 2026-12-04T18:00:00+01:00"]]))
    .action(async (reference: string, options: { by?: number; until?: string; team?: string } & JsonOption) => {
      if ((options.by === undefined) === (options.until === undefined)) throw new UsageError("give either --by <duration> or --until <time>");
      const client = await ctx.client();
      const id = await resolveEnvironmentId(client, reference, options.team);
      const body = options.by !== undefined ? { by: options.by } : { until: options.until };
      const extended = await client.post<{ id: string; name: string; expiresAt: string; previousExpiresAt: string }>(`/api/v1/environments/${encodeURIComponent(id)}/extend`, body);
      ctx.io.out(options.json ? json(extended) : `Extended ${extended.name} until ${extended.expiresAt} (${relativeTime(extended.expiresAt, ctx.io.now())}; was ${extended.previousExpiresAt})\n`);
    });

  withJson(
    env
      .command("destroy")
      .alias("rm")
      .summary("destroy an environment")
      .description("Destroy an environment: its instances are terminated and it ends destroyed. Runs still in flight are canceled at their next step. Asks first on a terminal; scripts pass --yes.")
      .argument("<environment>", "id or name")
      .option("-y, --yes", "do not ask for confirmation")
      .option("--wait", "wait until it is destroyed")
      .addOption(timeoutOption())
      .option("--team <team>", "the team, when the name is used in several"),
  )
    .addHelpText("after", examples([["in CI, at the end of the job", "hangar env destroy pr-42 --yes --wait"]]))
    .action(async (reference: string, options: { yes?: boolean; wait?: boolean; timeout: number; team?: string } & JsonOption) => {
      const { io } = ctx;
      const client = await ctx.client();
      const environment = await fetchEnvironment(client, reference, options.team);
      if (!options.yes) {
        if (!io.isTty) throw new UsageError("destroying needs --yes when not run from a terminal");
        const answer = await io.prompt(`Destroy ${environment.name} (${environment.id}, ${environment.state})? [y/N] `);
        if (!/^y(es)?$/i.test(answer)) {
          io.err("Not destroyed.\n");
          return;
        }
      }
      const destroy = await client.post<{ id: string; runId: string }>(`/api/v1/environments/${encodeURIComponent(environment.id)}/destroy`);
      if (!options.wait) {
        io.out(options.json ? json(destroy) : `Destroying ${environment.name} (run ${destroy.runId})\n`);
        return;
      }
      io.err(`Destroying ${environment.name} (run ${destroy.runId}); waiting until it is destroyed...\n`);
      const destroyed: EnvironmentDetail = await waitForState(client, io, environment.id, "destroyed", { timeoutSeconds: options.timeout });
      io.out(options.json ? json(destroyed) : `${destroyed.name} destroyed\n`);
    });
}

/**
 * `--param` values arrive as text; the API checks them against the template's JSON Schema
 * without converting types, so "replicas=3" is sent as 3 when the schema says integer. A
 * parameter the schema does not know is sent as text and refused by the server at its path.
 */
export async function typedParameters(client: ApiClient, template: string, pairs: [string, string][]): Promise<Record<string, unknown>> {
  const detail = await client.get<TemplateDetail>(`/api/v1/templates/${encodeURIComponent(template)}`);
  const properties = detail.version?.spec?.parameters?.properties ?? {};
  return Object.fromEntries(pairs.map(([key, text]) => [key, convert(text, properties[key]?.type, key)]));
}

export function convert(text: string, type: string | string[] | undefined, key: string): unknown {
  const types = Array.isArray(type) ? type : type ? [type] : ["string"];
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text.trim())) return Number(text);
  if (types.includes("boolean") && /^(true|false)$/i.test(text.trim())) return text.trim().toLowerCase() === "true";
  if ((types.includes("array") || types.includes("object")) && /^[[{]/.test(text.trim())) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new UsageError(`--param ${key}: not valid JSON for a${types.includes("array") ? "n array" : "n object"}`);
    }
  }
  if (types.includes("array") && !types.includes("string")) return text.split(",").map((item) => item.trim()).filter(Boolean);
  return text;
}
