"use client";
// Create a template with its first version: slug, owning team, sharing, change note and the
// YAML, checked as you type; Publish sends it to POST /api/v1/templates, the same door as the
// API. A refusal lands where it belongs: form fields under their inputs, YAML problems in the
// editor at their line.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useApiAction } from "../use-api-action";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { splitIssues } from "./editor-diagnostics";
import { ShareWithFields, type Sharing, type TeamChoice } from "./share-with-fields";
import { useTemplateValidation } from "./use-template-validation";
import { YamlEditor } from "./yaml-editor";
import { EDITOR_HELP, type PublishResponse } from "./publishing";

type Errors = Partial<Record<"slug" | "ownerTeam" | "sharedWith" | "changeNote", string>>;

export function NewTemplateForm({ ownerTeams, teams, starter }: { ownerTeams: TeamChoice[]; teams: TeamChoice[]; starter: string }) {
  const router = useRouter();
  const { busy, error, run } = useApiAction();
  const [slug, setSlug] = useState("");
  const [ownerTeam, setOwnerTeam] = useState(ownerTeams[0]?.slug ?? "");
  const [sharing, setSharing] = useState<Sharing>({ mode: "all", teams: [] });
  const [changeNote, setChangeNote] = useState("First version");
  const [source, setSource] = useState(starter);
  const [errors, setErrors] = useState<Errors>({});
  const validation = useTemplateValidation(source);

  const publish = async (event: FormEvent) => {
    event.preventDefault();
    const sent = source;
    const result = await run<PublishResponse>("/api/v1/templates", {
      method: "POST",
      body: {
        slug: slug.trim(),
        source: sent,
        changeNote: changeNote.trim() || undefined,
        // With one team (or none, for a site admin) the server knows the owner.
        ownerTeam: ownerTeams.length > 1 ? ownerTeam : undefined,
        sharedWith: sharing.mode === "all" ? "all" : sharing.teams,
      },
    });
    if (result.ok) {
      router.push(`/templates/${encodeURIComponent(result.data.slug)}`);
      return;
    }
    const { form, source: yamlIssues } = splitIssues(result.issues);
    // sharedWith.2 (an unknown team) is shown under the sharing choice as a whole.
    const next: Errors = {};
    for (const issue of form) next[issue.path.split(".")[0] as keyof Errors] = issue.message;
    setErrors(next);
    if (yamlIssues.length > 0) validation.report({ source: sent, issues: yamlIssues });
  };

  return (
    <form onSubmit={(event) => void publish(event)} className="space-y-5" noValidate>
      <div className="grid gap-5 md:grid-cols-2">
        <Field id="slug" label="Slug" required error={errors.slug} help="Names the template in URLs and the API: lower-case letters, digits and dashes, e.g. web-dev.">
          {(describedBy) => (
            <input id="slug" value={slug} onChange={(e) => setSlug(e.target.value)} required autoComplete="off" spellCheck={false} aria-invalid={Boolean(errors.slug)} aria-describedby={describedBy} className="input font-mono" />
          )}
        </Field>
        {ownerTeams.length > 1 ? (
          <Field id="ownerTeam" label="Owning team" error={errors.ownerTeam} help="Its platform engineers and admins may publish new versions.">
            {(describedBy) => (
              <select id="ownerTeam" value={ownerTeam} onChange={(e) => setOwnerTeam(e.target.value)} aria-describedby={describedBy} className="input">
                {ownerTeams.map((team) => (
                  <option key={team.slug} value={team.slug}>
                    {team.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : (
          <p className="self-center text-sm text-slate-600">
            {ownerTeams[0] ? <>Owned by {ownerTeams[0].name}: its platform engineers and admins may publish new versions.</> : <>Owned by no team: only site admins may publish new versions.</>}
          </p>
        )}
      </div>
      <ShareWithFields teams={teams} value={sharing} onChange={setSharing} error={errors.sharedWith} />
      <Field id="changeNote" label="Change note" error={errors.changeNote} help="Shown beside the version in its history.">
        {(describedBy) => <input id="changeNote" value={changeNote} onChange={(e) => setChangeNote(e.target.value)} maxLength={2000} aria-describedby={describedBy} className="input" />}
      </Field>
      <YamlEditor label="Template YAML" initialSource={starter} onChange={setSource} validation={validation} help={EDITOR_HELP} />
      {error && <Alert title="Not published">{error}</Alert>}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Publishing…" : "Publish"}
        </Button>
        <span className="text-xs text-slate-500">Publishing creates version 1; every version is kept and cannot change.</span>
      </div>
    </form>
  );
}
