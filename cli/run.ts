// Runs one command line and answers its exit code; never calls process.exit, so tests run the
// CLI in-process. Errors print once: a sentence (with field paths under it) on stderr, or with
// --json an {"error": {...}} object there, stdout keeping only results.
import { CommanderError } from "commander";
import { createContext } from "./context";
import { CliError, EXIT } from "./errors";
import { errorText } from "./format";
import type { Io } from "./io";
import { buildProgram } from "./program";

export async function runCli(argv: string[], io: Io): Promise<number> {
  const program = buildProgram(createContext(io));
  const wantsJson = argv.includes("--json");
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (error) {
    // Commander has printed its own message (or the help) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const failure = error instanceof CliError ? error : new CliError(error instanceof Error ? error.message : String(error), EXIT.failure, "internal");
    if (wantsJson) io.err(`${JSON.stringify({ error: { code: failure.code, message: failure.message, issues: failure.issues, exitCode: failure.exitCode } })}\n`);
    else io.err(errorText(failure.message, failure.issues) + (failure.exitCode === EXIT.usage ? "(add --help for usage)\n" : ""));
    return failure.exitCode;
  }
}
