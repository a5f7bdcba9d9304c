import { mkdtemp, readFile, rm, stat, writeFile, chmod } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configPath, normaliseUrl, readConfig, resolveTarget, writeConfig } from "./config";

let home: string;
beforeEach(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), "hangar-cli-"));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe("the config file", () => {
  it("lives under XDG_CONFIG_HOME, else ~/.config", () => {
    expect(configPath({ XDG_CONFIG_HOME: "/x/conf", HOME: "/home/a" })).toBe("/x/conf/hangar/config.json");
    expect(configPath({ HOME: "/home/a" })).toBe("/home/a/.config/hangar/config.json");
  });

  it("is written 0600 in a 0700 folder, whatever the umask", async () => {
    const env = { HOME: home };
    const previous = process.umask(0);
    try {
      const file = await writeConfig(env, { url: "http://h", token: "hgr_secret" });
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
      expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ url: "http://h", token: "hgr_secret" });
      // Written again over a file someone opened up: back to 0600.
      await chmod(file, 0o644);
      await writeConfig(env, { url: "http://h", token: "hgr_other" });
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it("warns when others can read it, and refuses a file that is not a config", async () => {
    const env = { XDG_CONFIG_HOME: home };
    const file = await writeConfig(env, { url: "http://h", token: "t" });
    await chmod(file, 0o644);
    const warnings: string[] = [];
    expect(await readConfig(env, (text) => warnings.push(text))).toEqual({ url: "http://h", token: "t" });
    expect(warnings.join("")).toMatch(/can be read by others \(mode 644\); run: chmod 600/);
    await writeFile(file, "{not json");
    await expect(readConfig(env)).rejects.toThrow(/not a Hangar CLI config; run `hangar login` again/);
    expect(await readConfig({ XDG_CONFIG_HOME: path.join(home, "none") })).toBeNull();
  });

  it("HANGAR_URL and HANGAR_TOKEN take precedence over the file; neither is 'not logged in'", async () => {
    const env: Record<string, string> = { XDG_CONFIG_HOME: home };
    await expect(resolveTarget(env)).rejects.toMatchObject({ code: "not_logged_in", exitCode: 1 });
    await writeConfig(env, { url: "http://stored", token: "hgr_stored" });
    expect(await resolveTarget(env)).toEqual({ url: "http://stored", token: "hgr_stored", source: "config" });
    expect(await resolveTarget({ ...env, HANGAR_TOKEN: "hgr_ci" })).toEqual({ url: "http://stored", token: "hgr_ci", source: "environment" });
    expect(await resolveTarget({ HANGAR_URL: "http://ci:3000/", HANGAR_TOKEN: "hgr_ci" })).toEqual({ url: "http://ci:3000", token: "hgr_ci", source: "environment" });
  });

  it("normalises addresses and refuses what is not http(s)", () => {
    expect(normaliseUrl("hangar.example.com/")).toBe("https://hangar.example.com");
    expect(normaliseUrl("http://127.0.0.1:3000/hangar/")).toBe("http://127.0.0.1:3000/hangar");
    expect(() => normaliseUrl("ftp://x")).toThrow(/only http and https/);
  });
});
