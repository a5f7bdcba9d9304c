import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadOrCreateSecrets } from "./secrets-file";

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "hangar-secrets-"));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe("loadOrCreateSecrets", () => {
  it("generates every secret once, readable by the owner only, and the same on the next start", async () => {
    const dir = await tempDir();
    const first = await loadOrCreateSecrets(path.join(dir, "data"));
    expect(first.added.sort()).toEqual(["demoPassword", "encryptionKey", "nextAuthSecret", "postgresPassword", "redisPassword"]);
    expect(first.demoPassword.length).toBeGreaterThanOrEqual(20);
    expect(first.demoPassword).not.toBe("hangar-demo");
    expect(first.postgresPassword).toMatch(/^[0-9a-f]{48}$/);
    expect((await stat(path.join(dir, "data/secrets.json"))).mode & 0o777).toBe(0o600);
    const second = await loadOrCreateSecrets(path.join(dir, "data"));
    expect(second.added).toEqual([]);
    expect({ ...second, added: [] }).toEqual({ ...first, added: [] });
    // Another install gets other passwords.
    expect((await loadOrCreateSecrets(await tempDir())).demoPassword).not.toBe(first.demoPassword);
  });

  it("adds what an older file lacks, keeps what it has, and tightens its mode", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "secrets.json");
    await writeFile(file, JSON.stringify({ nextAuthSecret: "kept-secret", encryptionKey: "kept-key" }), { mode: 0o644 });
    const secrets = await loadOrCreateSecrets(dir);
    expect(secrets.added.sort()).toEqual(["demoPassword", "postgresPassword", "redisPassword"]);
    expect(secrets).toMatchObject({ nextAuthSecret: "kept-secret", encryptionKey: "kept-key" });
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ nextAuthSecret: "kept-secret", demoPassword: secrets.demoPassword });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
