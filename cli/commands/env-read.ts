// env list / show / outputs: reading environments.
import { Option, type Command } from "commander";
import { STATE_FILTERS } from "../states";
import type { Context } from "../context";
import type { EnvironmentDetail, EnvironmentSummary } from "../api-types";
import { json, outputLines, relativeTime, table } from "../format";
import { listAll } from "../lists";
import { examples, withJson, type JsonOption } from "../options";
import { failureText } from "../progress";
import { fetchEnvironment } from "../resolve";


export function registerEnvRead(env: Command, ctx: Context): void {
  withJson(
    env
      .command("list")
      .alias("ls")
      .summary("list environments")
      .description("List the environments of your teams, newest first: the first page, or every one with --all.")
      // One vocabulary with the API and the page (lib/environments/state-filter.ts).
      .addOption(new Option("--state <state>", "active (default: all but destroyed), all, or one state").choices(STATE_FILTERS))
      .option("--team <team>", "only this team (slug or id)")
      .option("--search <text>", "part of the name, the owner's email or the template's name")
      .option("--all", "follow every page, not just the first"),
  )
    .addHelpText("after", examples([["what is running", "hangar env list --state active"], ["every environment of a team, for a script", "hangar env list --team web --all --json"]]))
    .action(async (options: { state?: string; team?: string; search?: string; all?: boolean } & JsonOption) => {
      const { io } = ctx;
      const { items, more } = await listAll<EnvironmentSummary>(await ctx.client(), "/api/v1/environments", { state: options.state, team: options.team, search: options.search }, { all: Boolean(options.all) });
      if (options.json) {
        io.out(json({ items, more }));
        return;
      }
      if (items.length === 0) {
        io.out("No environments.\n");
        return;
      }
      const now = io.now();
      io.out(
        table(
          ["NAME", "STATE", "TEMPLATE", "TEAM", "OWNER", "EXPIRES", "ID"],
          items.map((e) => [e.name, e.state, `${e.template.slug}@${e.template.version}`, e.team.slug, e.owner.email, e.state === "destroyed" ? "-" : relativeTime(e.expiresAt, now), e.id]),
        ),
      );
      if (more) io.err("(more on the next pages: add --all)\n");
    });

  withJson(env.command("show").summary("show one environment").description("Show an environment: state, lease, outputs, instances and its latest run.").argument("<environment>", "id or name").option("--team <team>", "the team, when the name is used in several"))
    .addHelpText("after", examples([["by name", "hangar env show pr-42"]]))
    .action(async (reference: string, options: { team?: string } & JsonOption) => {
      const environment = await fetchEnvironment(await ctx.client(), reference, options.team);
      ctx.io.out(options.json ? json(environment) : describeEnvironment(environment, ctx.io.now()));
    });

  withJson(
    env
      .command("outputs")
      .summary("print an environment's outputs")
      .description(
        "Print an environment's outputs (URLs, addresses, SSH commands) as KEY=value lines, names in upper case (url → URL): ready for a dotenv file or $GITHUB_ENV. --export prints shell-quoted `export` lines for eval; --json prints them as an object, names unchanged.",
      )
      .argument("<environment>", "id or name")
      .option("--team <team>", "the team, when the name is used in several")
      .option("--export", "print `export KEY='value'` lines for eval")
      .option("--prefix <prefix>", "put a prefix before every name (e.g. APP_)", ""),
  )
    .addHelpText("after", examples([["load them into the shell", 'eval "$(hangar env outputs pr-42 --export)"'], ["hand them to later GitHub Actions steps", 'hangar env outputs pr-42 >> "$GITHUB_ENV"'], ["one value", "hangar env outputs pr-42 --json | jq -r .url"]]))
    .action(async (reference: string, options: { team?: string; export?: boolean; prefix: string } & JsonOption) => {
      const { io } = ctx;
      const environment = await fetchEnvironment(await ctx.client(), reference, options.team);
      if (Object.keys(environment.outputs).length === 0 && environment.state !== "ready") io.err(`note: ${environment.name} is ${environment.state}; outputs are filled in when it is ready\n`);
      io.out(options.json ? json(environment.outputs) : outputLines(environment.outputs, { prefix: options.prefix, exported: options.export }));
    });
}

export function describeEnvironment(e: EnvironmentDetail, now: number): string {
  const lines = [
    `${e.name}  ${e.state}`,
    `  id:        ${e.id}`,
    `  template:  ${e.template.slug} v${e.template.version} (${e.template.name})`,
    `  team:      ${e.team.slug}`,
    `  owner:     ${e.owner.email}`,
    `  region:    ${e.region}${e.cloudAccount ? ` (${e.cloudAccount.name})` : ""}`,
    e.state === "destroyed" ? `  destroyed: ${e.destroyedAt ?? "-"}` : `  expires:   ${e.expiresAt} (${relativeTime(e.expiresAt, now)})`,
  ];
  if (e.state === "failed") lines.push(`  failure:   ${failureText(e)}`);
  const outputs = Object.entries(e.outputs);
  if (outputs.length > 0) {
    lines.push("", "Outputs:");
    const width = Math.max(...outputs.map(([name]) => name.length));
    for (const [name, value] of outputs) lines.push(`  ${name.padEnd(width)}  ${value}`);
  }
  if (e.instances.length > 0) {
    lines.push("", "Instances:");
    lines.push(
      ...table(
        ["GROUP", "TYPE", "STATE", "PUBLIC IP", "PRIVATE IP", "CLOUD ID"],
        e.instances.map((i) => [i.group, i.instanceType, i.state, i.publicIp ?? "-", i.privateIp ?? "-", i.cloudId]),
      )
        .trimEnd()
        .split("\n")
        .map((line) => `  ${line}`),
    );
  }
  const run = e.runs[0];
  if (run) lines.push("", `Latest run: ${run.kind} ${run.state}${run.failedStep ? ` at ${run.failedStep}` : ""} (${run.id})`);
  return `${lines.join("\n")}\n`;
}
