// templates list / show: what can be requested, and a template's parameters and lease.
import type { Command } from "commander";
import type { Context } from "../context";
import type { TemplateDetail, TemplateSummary } from "../api-types";
import { formatDuration } from "../../lib/templates/durations";
import { json, table } from "../format";
import { listAll } from "../lists";
import { examples, positiveIntegerArgument, withJson, type JsonOption } from "../options";

export function registerTemplates(program: Command, ctx: Context): void {
  const templates = program.command("templates").alias("template").summary("list and show templates").description("Templates environments are requested from.");

  withJson(templates.command("list").alias("ls").summary("list the templates you may use").description("List the templates your teams may use.").option("--search <text>", "part of the name").option("--all", "follow every page").option("--archived", "include archived templates"))
    .addHelpText("after", examples([["slugs only, for a script", "hangar templates list --all --json | jq -r '.items[].slug'"]]))
    .action(async (options: { search?: string; all?: boolean; archived?: boolean } & JsonOption) => {
      const { io } = ctx;
      const { items, more } = await listAll<TemplateSummary>(await ctx.client(), "/api/v1/templates", { search: options.search, archived: options.archived ? "include" : undefined }, { all: Boolean(options.all) });
      if (options.json) {
        io.out(json({ items, more }));
        return;
      }
      if (items.length === 0) {
        io.out("No templates.\n");
        return;
      }
      io.out(table(["SLUG", "NAME", "VERSION", "OWNER", "DESCRIPTION"], items.map((t) => [t.slug, t.name, t.latestVersion ? `v${t.latestVersion.version}${t.latestVersion.deprecatedAt ? " (deprecated)" : ""}` : "-", t.ownerTeam?.slug ?? "-", firstLine(t.description)])));
      if (more) io.err("(more on the next pages: add --all)\n");
    });

  withJson(templates.command("show").summary("show a template's parameters and lease").description("Show a template: its parameters (what --param takes), lease and outputs.").argument("<template>", "slug or id").option("--version <n>", "a given version (default: the newest)", positiveIntegerArgument))
    .addHelpText("after", examples([["before requesting", "hangar templates show web-dev"]]))
    .action(async (slug: string, options: { version?: number } & JsonOption) => {
      const template = await (await ctx.client()).get<TemplateDetail>(`/api/v1/templates/${encodeURIComponent(slug)}`, { version: options.version });
      ctx.io.out(options.json ? json(template) : describeTemplate(template));
    });
}

function firstLine(text: string): string {
  const line = (text ?? "").split("\n")[0]!;
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

export function describeTemplate(t: TemplateDetail): string {
  const { spec } = t.version;
  const lines = [`${t.slug}  v${t.version.version}${t.version.deprecatedAt ? " (deprecated)" : ""}${t.archivedAt ? " (archived)" : ""}`, `  ${t.name}`];
  if (t.description) lines.push(...t.description.split("\n").map((line) => `  ${line}`));
  lines.push("", `Lease: ${formatDuration(spec.lease.default)} by default, at most ${formatDuration(spec.lease.max)}`);
  const properties = Object.entries(spec.parameters?.properties ?? {});
  if (properties.length > 0) {
    const required = new Set(spec.parameters?.required ?? []);
    lines.push("", "Parameters (--param name=value):");
    const rows = properties.map(([name, p]) => [
      name,
      Array.isArray(p.type) ? p.type.join("|") : (p.type ?? "-"),
      p.default === undefined ? (required.has(name) ? "(required)" : "-") : JSON.stringify(p.default),
      [p.title ?? p.description ?? "", p.enum ? `one of ${p.enum.map((v) => JSON.stringify(v)).join(", ")}` : ""].filter(Boolean).join("; "),
    ]);
    lines.push(...table(["NAME", "TYPE", "DEFAULT", "ABOUT"], rows).trimEnd().split("\n").map((line) => `  ${line}`));
  }
  const outputs = Object.keys(spec.outputs ?? {});
  if (outputs.length > 0) lines.push("", `Outputs: ${outputs.join(", ")}`);
  if (t.version.changeNote) lines.push("", `Change note: ${t.version.changeNote}`);
  return `${lines.join("\n")}\n`;
}
