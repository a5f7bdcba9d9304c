// A child process of the launcher: output prefixed with its name (pino JSON lines shown as
// "LEVEL message"), stopped with SIGTERM then SIGKILL after a grace period.
import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";

const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };

export function formatLogLine(line: string): string {
  if (!line.startsWith("{")) return line;
  try {
    const { level, msg, time: _time, pid: _pid, hostname: _host, name: _name, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : "";
    return `${LEVELS[level as number] ?? String(level)} ${typeof msg === "string" ? msg : msg == null ? "" : JSON.stringify(msg)}${extra}`;
  } catch {
    return line;
  }
}

export type Supervised = { name: string; child: ChildProcess; exited: Promise<number | null>; stop: (graceMs?: number) => Promise<void> };

export function superviseProcess(name: string, command: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; quiet?: (line: string) => boolean }): Supervised {
  // detached: Ctrl-C in the terminal reaches only the launcher, which then stops children in order.
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const tag = `[${name}]`.padEnd(10);
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on("line", (line) => {
      if (options.quiet?.(line)) return;
      process.stdout.write(`${tag} ${formatLogLine(line)}\n`);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async (graceMs = 15_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { name, child, exited, stop };
}
