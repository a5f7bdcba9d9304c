// env logs: an environment's log lines, oldest first; with --follow, live from the event stream
// until the environment settles (exit 0 when it is ready or destroyed, 1 when it failed).
import type { Command } from "commander";
import type { ApiClient } from "../client";
import type { Context } from "../context";
import { CliError } from "../errors";
import type { EnvironmentDetail, LogLine } from "../api-types";
import { followEvents } from "../events";
import { examples, withJson, type JsonOption } from "../options";
import { failureText, isSettled } from "../progress";
import { resolveEnvironmentId } from "../resolve";

const PAGE = 2000;

export function registerEnvLogs(env: Command, ctx: Context): void {
  withJson(
    env
      .command("logs")
      .summary("print an environment's logs")
      .description(
        "Print an environment's log lines (every run's, oldest first). With --follow, keep printing new lines as they are written until the environment settles: exit 0 when it is ready or destroyed, 1 when it failed. A dropped connection is resumed from the last line shown. --json prints one JSON object per line.",
      )
      .argument("<environment>", "id or name")
      .option("-f, --follow", "keep following until the environment settles")
      .option("--team <team>", "the team, when the name is used in several"),
  )
    .addHelpText("after", examples([["watch a request being provisioned", "hangar env logs pr-42 --follow"]]))
    .action(async (reference: string, options: { follow?: boolean; team?: string } & JsonOption) => {
      const { io } = ctx;
      const client = await ctx.client();
      const id = await resolveEnvironmentId(client, reference, options.team);
      const print = (lines: LogLine[]) => lines.forEach((line) => io.out(options.json ? `${JSON.stringify(line)}\n` : logLineText(line)));
      if (!options.follow) {
        await printLogsAfter(client, id, undefined, print);
        return;
      }
      let settled: EnvironmentDetail | undefined;
      const followed = await followEvents(client, io, id, {
        onLogs: print,
        onSnapshot: (environment) => {
          if (isSettled(environment)) settled = environment;
          return settled !== undefined;
        },
      });
      if (followed.reason === "ended") throw new CliError(`The server ended the stream (${followed.endReason ?? "no reason"}): the token lost access to the environment`);
      // Lines written with the settling change may follow its snapshot on the stream: read them here.
      await printLogsAfter(client, id, followed.lastEventId, print);
      if (settled?.state === "failed") throw new CliError(failureText(settled), 1, "failed");
      if (!options.json) io.err(`${settled!.name} is ${settled!.state}\n`);
    });
}

async function printLogsAfter(client: ApiClient, id: string, after: string | undefined, print: (lines: LogLine[]) => void): Promise<void> {
  let cursor = after;
  for (;;) {
    const { items } = await client.get<{ items: LogLine[] }>(`/api/v1/environments/${encodeURIComponent(id)}/logs`, { after: cursor, limit: PAGE });
    print(items);
    if (items.length < PAGE) return;
    cursor = items[items.length - 1]!.id;
  }
}

/** "22:41:07 launch_instances  Launching 1 × t3.micro ..." (warnings and errors say so). */
export function logLineText(line: LogLine): string {
  const time = line.at.slice(11, 19);
  const level = line.level === "info" ? "" : `${line.level.toUpperCase()} `;
  return `${time} ${line.step ?? "-"}  ${level}${line.message}\n`;
}

