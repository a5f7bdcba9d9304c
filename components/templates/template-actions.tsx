"use client";
import { useRouter } from "next/navigation";
import { useApiAction } from "../use-api-action";
import { Button } from "../ui/button";

/** For the template's maintainers: archive or restore it (the page reloads its data after). */
export function ArchiveTemplateButton({ slug, archived }: { slug: string; archived: boolean }) {
  const router = useRouter();
  const { busy, error, run } = useApiAction();
  const toggle = async () => {
    const result = await run(`/api/v1/templates/${encodeURIComponent(slug)}`, { method: "PATCH", body: { archived: !archived } });
    if (result.ok) router.refresh();
  };
  return (
    <span className="flex items-center gap-2">
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
      <Button size="sm" disabled={busy} onClick={() => void toggle()}>
        {archived ? "Restore template" : "Archive template"}
      </Button>
    </span>
  );
}

/** Deprecate a version (no new requests on it) or restore it. */
export function DeprecateVersionButton({ slug, version, deprecated }: { slug: string; version: number; deprecated: boolean }) {
  const router = useRouter();
  const { busy, error, run } = useApiAction();
  const toggle = async () => {
    const result = await run(`/api/v1/templates/${encodeURIComponent(slug)}/versions/${version}`, { method: "PATCH", body: { deprecated: !deprecated } });
    if (result.ok) router.refresh();
  };
  return (
    <span className="flex items-center justify-end gap-2">
      {error && (
        <span role="alert" className="max-w-64 text-xs text-red-700">
          {error}
        </span>
      )}
      <Button size="sm" variant="ghost" disabled={busy} onClick={() => void toggle()} aria-label={`${deprecated ? "Restore" : "Deprecate"} version ${version}`}>
        {deprecated ? "Restore" : "Deprecate"}
      </Button>
    </span>
  );
}
