"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { TemplateGroups } from "@/lib/services/list-template-groups";
import { serviceName } from "@/lib/services/schemas";
import { callApi } from "../api-client";
import { Alert } from "../ui/alert";
import { Button, ButtonLink } from "../ui/button";
import { Field } from "../ui/field";
import { defaultStrategyValues, healthCheckBody, issuesByPath, strategyBody, type HealthCheckValues, type StrategyValues } from "./form-values";
import { HealthCheckFields } from "./health-check-fields";
import { StrategyFields } from "./strategy-fields";

type Team = { id: string; slug: string; name: string };

// Paths shown at a field of this form; issues elsewhere are listed in the alert.
const FIELD_PATHS = /^(team|name|description|repositoryUrl|template|instanceGroup|healthCheck\.http\.(path|port|expectedStatus|timeoutSeconds)|defaultStrategy\.\w+)$/;

export function ServiceForm({ teams, templates }: { teams: Team[]; templates: TemplateGroups[] }) {
  const router = useRouter();
  const [team, setTeam] = useState(teams.length === 1 ? teams[0]!.id : "");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [repositoryUrl, setRepositoryUrl] = useState("");
  const [template, setTemplate] = useState("");
  const [instanceGroup, setInstanceGroup] = useState("");
  const [health, setHealth] = useState<HealthCheckValues>({ http: false, path: "/healthz", port: "80", expectedStatus: "200", timeoutSeconds: "5" });
  const [strategy, setStrategy] = useState<StrategyValues>(defaultStrategyValues);
  const [stableAddresses, setStableAddresses] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const groups = templates.find((t) => t.id === template)?.groups ?? [];

  const chooseTemplate = (id: string) => {
    setTemplate(id);
    const next = templates.find((t) => t.id === id)?.groups ?? [];
    // One group: nothing to choose.
    setInstanceGroup(next.length === 1 ? next[0]! : "");
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const result = await callApi<{ id: string }>("/api/v1/services", {
      method: "POST",
      body: {
        ...(teams.length > 1 ? { team } : {}),
        name,
        description,
        ...(repositoryUrl.trim() ? { repositoryUrl } : {}),
        template,
        instanceGroup,
        healthCheck: healthCheckBody(health),
        defaultStrategy: strategyBody(strategy),
        stableAddresses,
      },
    });
    if (result.ok) {
      router.push(`/services/${result.data.id}`);
      return;
    }
    setBusy(false);
    const fields = issuesByPath(result.issues);
    setErrors(fields);
    const elsewhere = result.issues.filter((issue) => !FIELD_PATHS.test(issue.path));
    setMessage(result.issues.length > 0 && elsewhere.length === 0 ? "Fix the highlighted fields." : result.message);
  };

  const invalid = (path: string) => ({ "aria-invalid": Boolean(errors[path]) });
  // The name is checked as it will be sent (the API never rewrites it), when leaving the box and
  // while fixing it, so "My-Service" shows "try 'my-service'" before anything is submitted.
  const nameProblem = (value: string) => (value === "" ? null : (serviceName.safeParse(value).error?.issues[0]?.message ?? null));
  const showName = (value: string, always: boolean) =>
    setErrors(({ name: shown, ...rest }) => {
      const problem = nameProblem(value);
      return problem && (always || shown) ? { ...rest, name: problem } : rest;
    });
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-6">
      {message && <Alert>{message}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        {teams.length > 1 && (
          <Field id="team" label="Team" required error={errors.team}>
            {(describedBy) => (
              <select id="team" className="input" value={team} onChange={(e) => setTeam(e.target.value)} aria-describedby={describedBy} {...invalid("team")}>
                <option value="">Choose a team…</option>
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field id="name" label="Name" required error={errors.name} help="1-40 lower-case letters, digits and dashes, unique in the team.">
          {(describedBy) => (
            <input
              id="name"
              className="input font-mono"
              autoComplete="off"
              spellCheck={false}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                showName(e.target.value, false);
              }}
              onBlur={() => showName(name, true)}
              aria-describedby={describedBy}
              {...invalid("name")}
            />
          )}
        </Field>
      </div>
      <Field id="description" label="Description" error={errors.description}>
        {(describedBy) => <textarea id="description" rows={2} className="input" value={description} onChange={(e) => setDescription(e.target.value)} aria-describedby={describedBy} {...invalid("description")} />}
      </Field>
      <Field id="repositoryUrl" label="Repository URL" error={errors.repositoryUrl} help="Optional. https://…, git@host:org/repo.git or ssh://…; never with a password.">
        {(describedBy) => (
          <input id="repositoryUrl" className="input font-mono" placeholder="https://github.com/acme/web" value={repositoryUrl} onChange={(e) => setRepositoryUrl(e.target.value)} aria-describedby={describedBy} {...invalid("repositoryUrl")} />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="template" label="Template" required error={errors.template} help="The service's instances are launched from this template's newest version.">
          {(describedBy) => (
            <select id="template" className="input" value={template} onChange={(e) => chooseTemplate(e.target.value)} aria-describedby={describedBy} {...invalid("template")}>
              <option value="">Choose a template…</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.slug} v{t.version})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="instanceGroup" label="Instance group" required error={errors.instanceGroup} help={template ? "The group of the template the service runs on." : "Choose a template first."}>
          {(describedBy) => (
            <select id="instanceGroup" className="input" value={instanceGroup} disabled={!template} onChange={(e) => setInstanceGroup(e.target.value)} aria-describedby={describedBy} {...invalid("instanceGroup")}>
              <option value="">Choose a group…</option>
              {groups.map((group) => (
                <option key={group} value={group}>
                  {group}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <HealthCheckFields values={health} onChange={setHealth} errors={errors} />
      <StrategyFields values={strategy} onChange={setStrategy} errors={errors} />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" checked={stableAddresses} onChange={(e) => setStableAddresses(e.target.checked)} />
        <span>
          <span className="font-medium">Stable addresses</span>
          <span className="block text-slate-500">Give each instance of the group an Elastic IP that moves to the new instances of every release, so clients keep one address.</span>
        </span>
      </label>
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
        <ButtonLink href="/services">Cancel</ButtonLink>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Creating…" : "Create service"}
        </Button>
      </div>
    </form>
  );
}
