// The command tree. Help reads like git's: a usage line, what the command does, its arguments
// and options, and examples; usage errors print the problem and a pointer to --help (exit 2).
import { Command } from "commander";
import type { Context } from "./context";
import { registerAuth } from "./commands/auth";
import { registerCompletion } from "./commands/completion";
import { registerEnvLogs } from "./commands/env-logs";
import { registerEnvRead } from "./commands/env-read";
import { registerEnvWrite } from "./commands/env-write";
import { registerTemplates } from "./commands/templates";
import { CLI_VERSION } from "./version";

export function buildProgram(ctx: Context): Command {
  const program = new Command("hangar")
    .description(
      "Request, follow and destroy Hangar environments from a terminal or CI.\n\nLog in once with `hangar login`, or set HANGAR_URL and HANGAR_TOKEN (CI). Every command takes --json for scripts. Exit codes: 0 ok, 1 failed (API refusal, failed run, server unreachable), 2 usage error, 124 --timeout ran out.",
    )
    .version(CLI_VERSION, "-V, --version", "print the CLI's version")
    .helpOption("-h, --help", "show help for a command")
    .helpCommand("help [command]", "show help for a command")
    // Settings below are copied to every command added after them.
    .exitOverride()
    .configureOutput({ writeOut: (text) => ctx.io.out(text), writeErr: (text) => ctx.io.err(text) })
    .showHelpAfterError("(add --help for usage)")
    .configureHelp({ showGlobalOptions: false, subcommandTerm: (command) => command.name() + (command.registeredArguments.length > 0 ? ` ${command.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`)).join(" ")}` : "") });

  registerAuth(program, ctx);
  const env = program.command("env").summary("list, create, show, extend and destroy environments").description("Environments: request one from a template, follow it, use its outputs, extend or destroy it.");
  registerEnvRead(env, ctx);
  registerEnvWrite(env, ctx);
  registerEnvLogs(env, ctx);
  registerTemplates(program, ctx);
  registerCompletion(program, ctx);
  program.addHelpText(
    "after",
    `\nExamples:\n  $ hangar login --url https://hangar.example.com\n  $ hangar env create web-dev --name pr-42 --param branch=feature/x --wait\n  $ hangar env outputs pr-42\n  $ hangar env destroy pr-42 --yes --wait\n\nSee 'hangar <command> --help' (or 'hangar env help create') for a command's options.\n`,
  );
  return program;
}
