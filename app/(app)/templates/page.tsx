import { redirect } from "next/navigation";
import { param, pathWithQuery } from "@/app/_ui/session";

// The template list became the catalog (/catalog); old links and bookmarks land there, search
// included. A template's own pages stay under /templates/<slug>.
export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  redirect(pathWithQuery("/catalog", { q: param(raw.search) ?? param(raw.q) }));
}
