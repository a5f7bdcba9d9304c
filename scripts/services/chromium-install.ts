// The ui e2e project needs a Chromium. When it is missing, `npm test` installs it itself where
// it safely can — Debian or Ubuntu, as root or with passwordless sudo — so the README's two
// commands stay all the set-up; anywhere else it stops and prints the one command to run.
// planChromiumInstall decides (pure, unit-tested); ensureChromium gathers the facts and acts.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

export type ChromiumFacts = {
  chromiumPath: string;
  present: boolean;
  /** E2E_CHROMIUM_PATH was set: the operator named a browser, so we do not install another. */
  pathFromEnv: boolean;
  platform: NodeJS.Platform;
  /** process.getuid(), or null where there is none (Windows). */
  uid: number | null;
  /** `sudo -n true` succeeded. */
  passwordlessSudo: boolean;
  /** The text of /etc/os-release, or null. */
  osRelease: string | null;
};

export type ChromiumPlan =
  | { action: "ready" }
  | { action: "install"; commands: string[][]; shown: string }
  | { action: "stop"; message: string };

const APT_STEPS = [
  ["apt-get", "update"],
  ["apt-get", "install", "-y", "chromium"],
];

/** ID and ID_LIKE of os-release name Debian or Ubuntu (or a derivative of them). */
export function isDebianLike(osRelease: string | null): boolean {
  if (!osRelease) return false;
  const field = (name: string) => new RegExp(`^${name}=["']?([^"'\\n]*)`, "m").exec(osRelease)?.[1]?.toLowerCase().split(/\s+/) ?? [];
  return [...field("ID"), ...field("ID_LIKE")].some((id) => id === "debian" || id === "ubuntu");
}

const shownAs = (commands: string[][]) => commands.map((command) => command.join(" ")).join(" && ");

export function planChromiumInstall(facts: ChromiumFacts): ChromiumPlan {
  if (facts.present) return { action: "ready" };
  if (facts.pathFromEnv) {
    return { action: "stop", message: `E2E_CHROMIUM_PATH is ${facts.chromiumPath}, which does not exist. Point it at a Chromium or Chrome binary, or unset it to use /usr/bin/chromium.` };
  }
  if (facts.platform === "linux" && isDebianLike(facts.osRelease)) {
    if (facts.uid === 0) return { action: "install", commands: APT_STEPS, shown: shownAs(APT_STEPS) };
    const withSudo = APT_STEPS.map((command) => ["sudo", "-n", ...command]);
    if (facts.passwordlessSudo) return { action: "install", commands: withSudo, shown: shownAs(withSudo) };
    return {
      action: "stop",
      message: `Chromium is missing (${facts.chromiumPath}) and installing it needs root. Run:\n\n  ${shownAs(APT_STEPS.map((command) => ["sudo", ...command]))}\n\nthen npm test again.`,
    };
  }
  const hint = facts.platform === "darwin" ? "brew install --cask chromium && " : "";
  const binary = facts.platform === "darwin" ? "/Applications/Chromium.app/Contents/MacOS/Chromium" : "/path/to/chromium";
  return {
    action: "stop",
    message: `Chromium is missing (${facts.chromiumPath}), and npm test installs it itself only on Debian or Ubuntu. Run:\n\n  ${hint}E2E_CHROMIUM_PATH=${binary} npm test\n`,
  };
}

function gatherFacts(chromiumPath: string, pathFromEnv: boolean): ChromiumFacts {
  const uid = typeof process.getuid === "function" ? process.getuid() : null;
  const present = existsSync(chromiumPath);
  // Asked only when it matters: sudo -n never prompts, it fails when a password would be needed.
  const passwordlessSudo = !present && uid !== 0 && spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0;
  let osRelease: string | null = null;
  try {
    osRelease = readFileSync("/etc/os-release", "utf8");
  } catch {
    // not Linux, or a minimal image without it
  }
  return { chromiumPath, present, pathFromEnv, platform: process.platform, uid, passwordlessSudo, osRelease };
}

/** Installs Chromium when it is missing and it can; otherwise prints the command and exits 1. */
export function ensureChromium(chromiumPath: string, pathFromEnv: boolean, log: (line: string) => void): void {
  const plan = planChromiumInstall(gatherFacts(chromiumPath, pathFromEnv));
  if (plan.action === "ready") return;
  if (plan.action === "install") {
    log(`Chromium is missing (${chromiumPath}); installing it: ${plan.shown}`);
    for (const [command, ...args] of plan.commands) {
      const result = spawnSync(command!, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
      if (result.status !== 0) {
        process.stderr.write(`npm test: '${[command, ...args].join(" ")}' failed (exit ${result.status ?? result.signal}). Install Chromium yourself: ${plan.shown}\n`);
        process.exit(1);
      }
    }
    if (existsSync(chromiumPath)) return;
    process.stderr.write(`npm test: Chromium was installed but is not at ${chromiumPath}; set E2E_CHROMIUM_PATH to its binary.\n`);
    process.exit(1);
  }
  process.stderr.write(`npm test: ${plan.message}\n`);
  process.exit(1);
}
