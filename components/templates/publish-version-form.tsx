"use client";
// Publish a new version from the editor. The version the text started from is sent as
// baseVersion, so a version someone else published meanwhile is never overwritten unseen: the
// 409 is shown with a link to compare and two ways on (start again from the latest, or keep
// this text and base it on the latest after comparing).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi } from "../api-client";
import { useApiAction } from "../use-api-action";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { splitIssues } from "./editor-diagnostics";
import { EDITOR_HELP, type PublishResponse } from "./publishing";
import { useTemplateValidation } from "./use-template-validation";
import { YamlEditor } from "./yaml-editor";

type Start = { version: number; source: string };

export function PublishVersionForm({ slug, start: initial }: { slug: string; start: Start }) {
  const router = useRouter();
  const { busy, error, clearError, run } = useApiAction();
  const [start, setStart] = useState(initial);
  const [base, setBase] = useState(initial.version);
  const [source, setSource] = useState(initial.source);
  const [changeNote, setChangeNote] = useState("");
  const [conflict, setConflict] = useState<{ latest: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const validation = useTemplateValidation(source);
  const api = `/api/v1/templates/${encodeURIComponent(slug)}`;

  const publish = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    setConflict(null);
    const sent = source;
    const result = await run<PublishResponse>(`${api}/versions`, { method: "POST", body: { source: sent, baseVersion: base, changeNote: changeNote.trim() || undefined } });
    if (result.ok) {
      if (result.data.created) router.push(`/templates/${encodeURIComponent(slug)}`);
      else setNotice(`Nothing to publish: version ${result.data.version} already has exactly this source.`);
      return;
    }
    const { source: yamlIssues } = splitIssues(result.issues);
    if (yamlIssues.length > 0) validation.report({ source: sent, issues: yamlIssues });
    if (result.status === 409 && result.issues.some((issue) => issue.path === "baseVersion")) {
      // The versions list says which one is the latest (the message is for people, not parsing).
      const versions = await callApi<{ items: { version: number }[] }>(`${api}/versions`, { method: "GET" });
      const latest = versions.ok ? versions.data.items[0]?.version : undefined;
      if (latest !== undefined) {
        clearError();
        setConflict({ latest });
      }
    }
  };

  const loadLatest = async () => {
    const result = await run<{ version: Start }>(api, { method: "GET" });
    if (!result.ok) return;
    const latest = { version: result.data.version.version, source: result.data.version.source };
    setStart(latest);
    setBase(latest.version);
    setSource(latest.source);
    setConflict(null);
  };

  return (
    <form onSubmit={(event) => void publish(event)} className="space-y-5" noValidate>
      <p className="text-sm text-slate-600">
        Based on version {base}
        {base !== start.version && <> (the text started from version {start.version})</>}. Publishing makes version {base + 1}; every version is kept and cannot change.
      </p>
      <Field id="changeNote" label="Change note" help="What changed and why; shown beside the version in its history.">
        {(describedBy) => <input id="changeNote" value={changeNote} onChange={(e) => setChangeNote(e.target.value)} maxLength={2000} aria-describedby={describedBy} className="input" />}
      </Field>
      {/* A new start (the latest version loaded) is a new editor, not a reset under the cursor. */}
      <YamlEditor key={start.version} label="Template YAML" initialSource={start.source} onChange={setSource} validation={validation} help={EDITOR_HELP} />
      {conflict && (
        <Alert tone="warning" title={`Version ${conflict.latest} was published after your base version ${base}`}>
          <p>Nothing was published. Compare the two, then either start again from the latest or keep your text and publish it on top.</p>
          <div className="mt-2 flex flex-wrap items-center gap-3">
            {/* In a new tab, so the text in the editor stays. */}
            <Link href={`/templates/${encodeURIComponent(slug)}/diff?from=${base}&to=${conflict.latest}`} target="_blank" rel="noopener" className="font-medium underline">
              Compare v{base} with v{conflict.latest}
            </Link>
            <Button size="sm" onClick={() => void loadLatest()} disabled={busy}>
              Load version {conflict.latest} (replaces your text)
            </Button>
            <Button size="sm" variant="ghost" onClick={() => {
                setBase(conflict.latest);
                setConflict(null);
              }}>
              Keep my text, base it on version {conflict.latest}
            </Button>
          </div>
        </Alert>
      )}
      {notice && (
        <Alert tone="info" title="Not published">
          {notice}
        </Alert>
      )}
      {error && <Alert title="Not published">{error}</Alert>}
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? "Publishing…" : "Publish version"}
      </Button>
    </form>
  );
}
