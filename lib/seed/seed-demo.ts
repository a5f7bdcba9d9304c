// Demo data for a first start: an admin and a developer, a team, the sandbox cloud account and
// the example templates. Safe to run on every start: it creates what is missing and keeps what
// people changed (passwords are only set when a user is created, or replaced when they are
// still one of `replacePasswords`: the password older versions published).
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { hashPassword, verifyPassword } from "../identity/passwords";
import { encryptSecret, secretContext } from "../security/secret-box";
import { syncTemplateSource } from "../templates/publish-template-version";

export const DEMO_ADMIN_EMAIL = "admin@hangar.local";
export const DEMO_DEVELOPER_EMAIL = "dev@hangar.local";
export const SANDBOX_ACCESS_KEY_ID = "AKIASANDBOXDEMO00001";
export const SANDBOX_SECRET_ACCESS_KEY = "sandbox-demo-secret-not-a-real-aws-key";
/** What every install's demo users had before the password was generated per install. */
export const PUBLISHED_DEMO_PASSWORD = "hangar-demo";

export type SeedOptions = {
  password: string;
  sandboxEndpoint: string;
  encryptionKey: string;
  templatesDir: string;
  regions?: string[];
  /** Passwords that demo users still having one of them are moved off (to `password`). */
  replacePasswords?: string[];
};

export async function seedDemo(db: Db, options: SeedOptions): Promise<{ teamId: string; adminId: string; developerId: string; cloudAccountId: string }> {
  const team = await db.team.upsert({ where: { slug: "demo" }, create: { id: newId(), slug: "demo", name: "Demo team" }, update: {} });
  const passwordHash = await hashPassword(options.password);
  const admin = await db.user.upsert({
    where: { email: DEMO_ADMIN_EMAIL },
    omit: { passwordHash: false },
    create: { id: newId(), email: DEMO_ADMIN_EMAIL, name: "Ada Admin", passwordHash, isAdmin: true },
    update: {},
  });
  const developer = await db.user.upsert({
    where: { email: DEMO_DEVELOPER_EMAIL },
    omit: { passwordHash: false },
    create: { id: newId(), email: DEMO_DEVELOPER_EMAIL, name: "Dev Eloper", passwordHash },
    update: {},
  });
  for (const user of [admin, developer]) await replaceKnownPassword(db, user, passwordHash, options);
  for (const [userId, role] of [[admin.id, "admin"], [developer.id, "developer"]] as const) {
    await db.membership.upsert({ where: { userId_teamId: { userId, teamId: team.id } }, create: { userId, teamId: team.id, role }, update: {} });
  }

  const regions = options.regions ?? ["us-east-1", "us-west-2", "eu-west-1"];
  // The sealed secret is bound to its row id, so the id is known before sealing.
  const accountId = (await db.cloudAccount.findUnique({ where: { name: "sandbox" }, select: { id: true } }))?.id ?? newId();
  const sealedSecret = encryptSecret(SANDBOX_SECRET_ACCESS_KEY, options.encryptionKey, secretContext("CloudAccount", "secretAccessKeyEnc", accountId));
  const account = await db.cloudAccount.upsert({
    where: { name: "sandbox" },
    create: {
      id: accountId,
      name: "sandbox",
      provider: "sandbox",
      regions,
      defaultRegion: regions[0]!,
      endpoint: options.sandboxEndpoint,
      credentialSource: "static",
      accessKeyId: SANDBOX_ACCESS_KEY_ID,
      secretAccessKeyEnc: sealedSecret,
      isDefault: (await db.cloudAccount.count({ where: { isDefault: true } })) === 0,
      // The demo's sandbox is for everyone who tries Hangar, whichever team they are in.
      sharedWithAll: true,
    },
    // The sandbox may listen on another port this time; its demo key is re-sealed in case the
    // encryption key changed.
    update: { endpoint: options.sandboxEndpoint, secretAccessKeyEnc: sealedSecret },
  });

  for (const file of (await readdir(options.templatesDir)).filter((name) => name.endsWith(".yaml")).sort()) {
    const source = await readFile(path.join(options.templatesDir, file), "utf8");
    await syncTemplateSource(db, { system: "seed" }, { slug: file.replace(/\.yaml$/, ""), source });
  }
  return { teamId: team.id, adminId: admin.id, developerId: developer.id, cloudAccountId: account.id };
}

/** Moves a demo user off a password everyone knows; a password its owner chose is kept. */
async function replaceKnownPassword(db: Db, user: { id: string; passwordHash: string | null }, passwordHash: string, options: SeedOptions): Promise<void> {
  if (!user.passwordHash) return;
  for (const known of options.replacePasswords ?? []) {
    if (known === options.password || !(await verifyPassword(user.passwordHash, known))) continue;
    // A new session version: sessions signed in with the published password end.
    await db.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    return;
  }
}
