// Two versions of a template side by side: their YAML line by line (jsdiff's line diff, paired
// into rows: a removed block next to the added block that replaced it).
import { diffLines } from "diff";
import type { Tx } from "../db/client";
import type { Caller } from "../identity/caller";
import { getTemplate } from "./list-templates";

export type DiffCell = { line: number; text: string; kind: "context" | "removed" | "added" };
export type DiffRow = { left: DiffCell | null; right: DiffCell | null };
export type VersionRef = { version: number; createdAt: Date; changeNote: string | null; deprecatedAt: Date | null };

export type TemplateDiff = { slug: string; name: string; from: VersionRef; to: VersionRef; added: number; removed: number; rows: DiffRow[] };

const linesOf = (text: string) => (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n");

export function sideBySide(before: string, after: string): { rows: DiffRow[]; added: number; removed: number } {
  const rows: DiffRow[] = [];
  let left = 0;
  let right = 0;
  let added = 0;
  let removed = 0;
  let pendingRemoved: DiffCell[] = [];
  const flushRemoved = () => {
    for (const cell of pendingRemoved) rows.push({ left: cell, right: null });
    pendingRemoved = [];
  };
  for (const part of diffLines(before, after)) {
    const lines = linesOf(part.value);
    if (part.removed) {
      flushRemoved();
      pendingRemoved = lines.map((text) => ({ line: ++left, text, kind: "removed" as const }));
      removed += lines.length;
    } else if (part.added) {
      added += lines.length;
      const paired = pendingRemoved;
      pendingRemoved = [];
      lines.forEach((text, index) => rows.push({ left: paired[index] ?? null, right: { line: ++right, text, kind: "added" } }));
      for (const cell of paired.slice(lines.length)) rows.push({ left: cell, right: null });
    } else {
      flushRemoved();
      for (const text of lines) rows.push({ left: { line: ++left, text, kind: "context" }, right: { line: ++right, text, kind: "context" } });
    }
  }
  flushRemoved();
  return { rows, added, removed };
}

export async function diffTemplateVersions(db: Tx, caller: Caller, idOrSlug: string, from: number, to: number): Promise<TemplateDiff> {
  const [a, b] = await Promise.all([getTemplate(db, caller, idOrSlug, from), getTemplate(db, caller, idOrSlug, to)]);
  const ref = (t: typeof a): VersionRef => ({ version: t.version.version, createdAt: t.version.createdAt, changeNote: t.version.changeNote, deprecatedAt: t.version.deprecatedAt });
  return { slug: a.slug, name: b.name, from: ref(a), to: ref(b), ...sideBySide(a.version.source, b.version.source) };
}
