// The `hangar` executable (bundled by cli/build.mjs into dist/cli/hangar.mjs).
import { processIo } from "./io";
import { runCli } from "./run";

// `hangar env list | head`: a reader that hangs up early is not an error.
for (const stream of [process.stdout, process.stderr]) stream.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" ? process.exit(process.exitCode ?? 0) : undefined));

process.exitCode = await runCli(process.argv.slice(2), processIo());
