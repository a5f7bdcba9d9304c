// login / logout / whoami. The token is never an argument (it would stay in shell history and
// show in `ps`): it is typed at a prompt or piped in on stdin, checked against GET /api/v1/me,
// and only then stored.
import type { Command } from "commander";
import { ApiClient } from "../client";
import { configPath, normaliseUrl, readConfig, removeConfig, resolveTarget, writeConfig } from "../config";
import type { Context } from "../context";
import { CliError, UsageError } from "../errors";
import type { Me } from "../api-types";
import { json } from "../format";
import { examples, withJson, type JsonOption } from "../options";

export function registerAuth(program: Command, ctx: Context): void {
  withJson(
    program
      .command("login")
      .summary("store a server address and API token")
      .description(
        "Store the address of a Hangar server and an API token for it. The token (create one under Settings → API tokens, or POST /api/v1/tokens) is read from a prompt, or from standard input when it is not a terminal or with --token-stdin, and checked with the server before it is kept in $XDG_CONFIG_HOME/hangar/config.json (mode 0600). In CI, set HANGAR_URL and HANGAR_TOKEN instead: they take precedence over the file and need no login.",
      )
      .option("--url <url>", "the server's address (default: HANGAR_URL, or the stored one)")
      .option("--token-stdin", "read the token from standard input"),
  )
    .addHelpText("after", examples([["log in interactively", "hangar login --url https://hangar.example.com"], ["log in from a script", 'printf %s "$TOKEN" | hangar login --url https://hangar.example.com --token-stdin']]))
    .action(async (options: { url?: string; tokenStdin?: boolean } & JsonOption) => {
      const { io } = ctx;
      const stored = await readConfig(io.env, io.err).catch(() => null);
      const rawUrl = options.url ?? io.env.HANGAR_URL ?? stored?.url;
      if (!rawUrl) throw new UsageError("give the server's address: hangar login --url <url>");
      const url = normaliseUrl(rawUrl);
      const token = options.tokenStdin || !io.isTty ? (await io.readStdin()).trim() : await io.prompt(`API token for ${url}: `, { hidden: true });
      if (!token) throw new UsageError(options.tokenStdin || !io.isTty ? "no token on standard input" : "no token given");
      if (/\s/.test(token)) throw new UsageError("the token contains spaces or line breaks: paste it alone");
      const me = await new ApiClient({ url, token }).get<Me>("/api/v1/me");
      const file = await writeConfig(io.env, { url, token });
      if (options.json) io.out(json({ url, user: publicMe(me), config: file }));
      else io.out(`Logged in to ${url} as ${me.email}. Token stored in ${file}\n`);
    });

  withJson(program.command("logout").summary("forget the stored token").description("Remove the stored server address and token. (A token set in HANGAR_TOKEN is not affected; revoke tokens in Settings → API tokens.)")).action(async (options: JsonOption) => {
    const { io } = ctx;
    const stored = await readConfig(io.env).catch(() => null);
    const removed = await removeConfig(io.env);
    if (options.json) io.out(json({ loggedOut: removed, url: stored?.url ?? null }));
    else io.out(removed ? `Logged out${stored ? ` of ${stored.url}` : ""} (removed ${configPath(io.env)})\n` : "Not logged in\n");
  });

  withJson(program.command("whoami").summary("show who the token belongs to").description("Show the user the token belongs to, on which server, and their teams and roles."))
    .addHelpText("after", examples([["check the token CI uses", "HANGAR_URL=https://hangar.example.com HANGAR_TOKEN=hgr_... hangar whoami"]]))
    .action(async (options: JsonOption) => {
      const { io } = ctx;
      const target = await resolveTarget(io.env, io.err);
      const me = await (await ctx.client()).get<Me>("/api/v1/me");
      if (options.json) {
        io.out(json({ url: target.url, tokenFrom: target.source, user: publicMe(me) }));
        return;
      }
      io.out(`${me.email}${me.name && me.name !== me.email ? ` (${me.name})` : ""}${me.isAdmin ? ", site admin" : ""} at ${target.url}\n`);
      for (const m of me.memberships) io.out(`  ${m.teamSlug}: ${m.role}\n`);
      if (target.source === "environment") io.out("  (token from HANGAR_TOKEN)\n");
    });
}

/** /me's documented fields only: anything else it may carry stays out of scripts' output. */
function publicMe(me: Me) {
  if (!me.email) throw new CliError("The server's /api/v1/me answer has no user: is this a Hangar server?");
  return { email: me.email, name: me.name, isAdmin: me.isAdmin, memberships: me.memberships.map((m) => ({ team: m.teamSlug, role: m.role })) };
}
