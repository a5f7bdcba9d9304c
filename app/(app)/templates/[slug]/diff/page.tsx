import type { Metadata } from "next";
import { orNotFound } from "@/app/_ui/page-errors";
import Link from "next/link";
import { notFound } from "next/navigation";
import { web } from "@/app/_server/runtime";
import { param, requireSignedIn } from "@/app/_ui/session";
import { SideBySideDiff } from "@/components/templates/side-by-side-diff";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { diffTemplateVersions } from "@/lib/templates/diff-template-versions";
import { listTemplateVersions } from "@/lib/templates/list-templates";

export const metadata: Metadata = { title: "Compare template versions" };

type Params = Promise<{ slug: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const versionNumber = (value: string | undefined) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
};

/** Any two versions side by side; defaults to the latest against the one before it. */
export default async function TemplateDiffPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const slug = decodeURIComponent((await params).slug);
  const raw = await searchParams;
  const caller = await requireSignedIn(`/templates/${slug}/diff`);
  const { db } = web();
  const versions = await orNotFound(listTemplateVersions(db, caller, slug));
  const to = versionNumber(param(raw.to)) ?? versions[0]?.version;
  const from = versionNumber(param(raw.from)) ?? versions.find((v) => v.version < (to ?? 0))?.version ?? to;
  if (!to || !from) notFound();
  const diff = await orNotFound(diffTemplateVersions(db, caller, slug, from, to));
  const select = (name: "from" | "to", value: number) => (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      {name === "from" ? "From" : "To"}
      <select name={name} defaultValue={value} className="rounded-md border border-slate-300 px-2 py-1 font-mono text-sm">
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version}
            {v.deprecatedAt ? " (deprecated)" : ""}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/templates/${encodeURIComponent(diff.slug)}`} className="hover:text-slate-900 hover:underline">
            {diff.name}
          </Link>
        }
        title={`Changes from v${diff.from.version} to v${diff.to.version}`}
        description={
          <>
            <span className="text-emerald-700">{diff.added} line(s) added</span>, <span className="text-red-700">{diff.removed} removed</span>.
            {diff.to.changeNote && <> Note on v{diff.to.version}: “{diff.to.changeNote}”</>}
          </>
        }
      />
      <form method="get" className="mb-4 flex flex-wrap items-center gap-4" aria-label="Versions to compare">
        {select("from", diff.from.version)}
        {select("to", diff.to.version)}
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50">
          Compare
        </button>
      </form>
      <Section>
        {diff.added + diff.removed === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-500">These versions have the same source.</p>
        ) : (
          <SideBySideDiff rows={diff.rows} fromLabel={`Version ${diff.from.version}`} toLabel={`Version ${diff.to.version}`} />
        )}
      </Section>
    </>
  );
}
