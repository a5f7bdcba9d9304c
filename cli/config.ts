// Where `hangar login` keeps the server address and token: $XDG_CONFIG_HOME/hangar/config.json
// (or ~/.config/hangar/config.json), the folder 0700 and the file 0600, since the token is a
// password. HANGAR_URL and HANGAR_TOKEN override the file, so CI needs no login step at all.
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CliError } from "./errors";
import type { Env } from "./io";

export type StoredConfig = { url: string; token: string };
export type Target = { url: string; token: string; source: "environment" | "config" };

export function configPath(env: Env): string {
  const base = env.XDG_CONFIG_HOME?.trim() || path.join(env.HOME?.trim() || os.homedir(), ".config");
  return path.join(base, "hangar", "config.json");
}

export async function readConfig(env: Env, warn: (text: string) => void = () => undefined): Promise<StoredConfig | null> {
  const file = configPath(env);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  // Like ssh with a private key: say so when others may read the token (it is still used).
  const mode = (await stat(file)).mode & 0o777;
  if (mode & 0o077) warn(`warning: ${file} can be read by others (mode ${mode.toString(8)}); run: chmod 600 ${file}\n`);
  try {
    const parsed = JSON.parse(text) as Partial<StoredConfig>;
    if (typeof parsed.url === "string" && typeof parsed.token === "string") return { url: parsed.url, token: parsed.token };
  } catch {
    // reported below
  }
  throw new CliError(`${file} is not a Hangar CLI config; run \`hangar login\` again`);
}

export async function writeConfig(env: Env, config: StoredConfig): Promise<string> {
  const file = configPath(env);
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  // Written aside, then renamed: a crash never leaves half a file, and the mode is set before the token is in it.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, "", { mode: 0o600 });
  await chmod(temporary, 0o600);
  await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`);
  await rename(temporary, file);
  return file;
}

/** True when there was a file to remove. */
export async function removeConfig(env: Env): Promise<boolean> {
  const file = configPath(env);
  const existed = await stat(file).then(
    () => true,
    () => false,
  );
  await rm(file, { force: true });
  return existed;
}

/** The server and token to use: HANGAR_URL / HANGAR_TOKEN first, then the config file. */
export async function resolveTarget(env: Env, warn?: (text: string) => void): Promise<Target> {
  const fromEnv = { url: env.HANGAR_URL?.trim(), token: env.HANGAR_TOKEN?.trim() };
  const stored = fromEnv.url && fromEnv.token ? null : await readConfig(env, warn);
  const url = fromEnv.url || stored?.url;
  const token = fromEnv.token || stored?.token;
  if (!url || !token) {
    throw new CliError("Not logged in: run `hangar login --url <url>` (or set HANGAR_URL and HANGAR_TOKEN)", 1, "not_logged_in");
  }
  return { url: normaliseUrl(url), token, source: fromEnv.token ? "environment" : "config" };
}

/** "hangar.example.com/" → "https://hangar.example.com"; a path prefix is kept. */
export function normaliseUrl(text: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new CliError(`${text} is not a URL`, 2, "usage");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CliError(`${text}: only http and https URLs are supported`, 2, "usage");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
