// Where every benchmark leaves its figures: bench/reports/<name>.md (for people, cited by
// bench/README.md) and <name>.json (the same run, for comparisons), then the Markdown printed.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const reports = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../reports");

export async function writeBenchReport(name: string, lines: string[], data: unknown): Promise<void> {
  await mkdir(reports, { recursive: true });
  await writeFile(path.join(reports, `${name}.md`), `${lines.join("\n")}\n`);
  await writeFile(path.join(reports, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
  console.log(`\n${lines.join("\n")}\n\nreport: bench/reports/${name}.md`);
}
