// Templates kept as files in the team's Git repository: every `<slug>.yaml` (or .yml) in the
// folder is published through the same path as the API (a new version when its source changed,
// nothing when not). A bad file is reported with its problems and does not stop the others;
// files that disappeared are not archived (that stays a person's decision).
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db/client";
import { AppError, type FieldIssue } from "../errors";
import { MAX_TEMPLATE_BYTES } from "./parse-template-source";
import type { Caller } from "../identity/caller";
import { syncTemplateSource, TEMPLATE_SLUG, type PublishResult, type SystemPublisher } from "./publish-template-version";

export type FolderSyncResult = {
  published: { file: string; slug: string; version: number }[];
  unchanged: { file: string; slug: string; version: number }[];
  failed: { file: string; message: string; issues: FieldIssue[] }[];
};

/** `onPublished`: called for each new version (e.g. to start a template's automatic upgrades). */
export async function syncTemplatesFolder(
  db: Db,
  dir: string,
  publisher: Caller | SystemPublisher = { system: "templates-folder" },
  options: { onPublished?: (published: PublishResult) => Promise<void> } = {},
): Promise<FolderSyncResult> {
  const result: FolderSyncResult = { published: [], unchanged: [], failed: [] };
  const files = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name)).map((entry) => entry.name).sort();
  for (const file of files) {
    const slug = file.replace(/\.ya?ml$/, "");
    const full = path.join(dir, file);
    try {
      if (!TEMPLATE_SLUG.test(slug)) throw new AppError(`the file name must be the template's slug: lower-case letters, digits and dashes, starting with a letter`);
      if ((await stat(full)).size > MAX_TEMPLATE_BYTES) throw new AppError(`is larger than ${MAX_TEMPLATE_BYTES / 1024} KB`);
      const published = await syncTemplateSource(db, publisher, { slug, source: await readFile(full, "utf8"), changeNote: `Synced from ${file}` });
      (published.created ? result.published : result.unchanged).push({ file, slug, version: published.version });
      if (published.created) await options.onPublished?.(published);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.failed.push({ file, message: error.message, issues: error.issues });
    }
  }
  return result;
}

/** One line per file, for logs. */
export function describeFolderSync(result: FolderSyncResult): string[] {
  return [
    ...result.published.map((p) => `published ${p.slug} version ${p.version} (${p.file})`),
    ...result.failed.map((f) => `refused ${f.file}: ${f.message}`),
    `${result.published.length} published, ${result.unchanged.length} unchanged, ${result.failed.length} refused`,
  ];
}
