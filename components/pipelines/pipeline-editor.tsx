"use client";
// Edit pipeline: add, remove and reorder stages, choose each stage's environment (the team's
// environments that run the service's group) and whether a team admin confirms its deploys. Saved
// as a whole (PUT); the API's problems show at their stage's field.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi } from "../api-client";
import { issuesByPath } from "../services/form-values";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { StageRow, type EnvironmentChoice, type StageDraft } from "./stage-row";

export type { EnvironmentChoice };
export type InitialStage = { name: string; environment: string; environmentName: string; requiresConfirmation: boolean };

const MAX_STAGES = 10;
const SUGGESTED = ["dev", "staging", "prod"];

export function PipelineEditor({ serviceId, group, choices, initial }: { serviceId: string; group: string; choices: EnvironmentChoice[]; initial: InitialStage[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<StageDraft[]>(() => initial.map((stage, index) => ({ key: index, ...stage })));
  const [nextKey, setNextKey] = useState(initial.length);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  // Environments a stage is already bound to stay choosable even when no longer offered.
  const options = [...choices, ...initial.filter((s) => !choices.some((c) => c.id === s.environment)).map((s) => ({ id: s.environment, name: s.environmentName, state: "unavailable" }))];

  const update = (key: number, change: Partial<StageDraft>) => setRows((list) => list.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const move = (index: number, by: -1 | 1) =>
    setRows((list) => {
      const copy = [...list];
      const [row] = copy.splice(index, 1);
      copy.splice(index + by, 0, row!);
      return copy;
    });
  const add = () => {
    const used = new Set(rows.map((r) => r.name));
    const free = options.find((o) => !rows.some((r) => r.environment === o.id));
    setRows((list) => [...list, { key: nextKey, name: SUGGESTED.find((n) => !used.has(n)) ?? "", environment: free?.id ?? "", environmentName: free?.name ?? "", requiresConfirmation: false }]);
    setNextKey((k) => k + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    setSaved(false);
    const stages = rows.map(({ name, environment, requiresConfirmation }) => ({ name, environment, requiresConfirmation }));
    const result = await callApi(`/api/v1/services/${encodeURIComponent(serviceId)}/pipeline`, { method: "PUT", body: { stages } });
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setSaved(true);
      setOpen(false);
      router.refresh();
      return;
    }
    setErrors(issuesByPath(result.issues));
    const elsewhere = result.issues.filter((issue) => !/^stages\.\d+\./.test(issue.path));
    setMessage(result.issues.length > 0 && elsewhere.length === 0 ? "Fix the highlighted stages." : result.message);
  };

  if (!open) {
    return (
      <div className="flex items-center gap-3">
        <Button size="sm" onClick={() => setOpen(true)}>
          {initial.length ? "Edit pipeline" : "Add stages"}
        </Button>
        {saved && (
          <span role="status" className="text-sm text-emerald-700">
            Pipeline saved.
          </span>
        )}
      </div>
    );
  }
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-3 border-t border-slate-200 pt-4" aria-label="Edit pipeline">
      <p className="text-sm text-slate-600">
        Stages in order, first to last. Each is bound to one of the team’s environments with the <code className="font-mono text-xs">{group}</code> group; a release moves from one
        stage to the next by Promote. An empty list removes the pipeline.
      </p>
      {message && <Alert>{message}</Alert>}
      {options.length === 0 && <Alert tone="info">The team has no environment with the {group} group yet: request one from the catalog first.</Alert>}
      <ol className="space-y-3">
        {rows.map((row, index) => (
          <StageRow
            key={row.key}
            row={row}
            index={index}
            count={rows.length}
            options={options}
            errors={errors}
            onChange={(change) => update(row.key, change)}
            onMove={(by) => move(index, by)}
            onRemove={() => setRows((list) => list.filter((r) => r.key !== row.key))}
          />
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" variant="ghost" onClick={add} disabled={rows.length >= MAX_STAGES}>
          + Add a stage
        </Button>
        <span className="flex-1" />
        <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
        <Button size="sm" variant="primary" type="submit" disabled={busy}>
          Save pipeline
        </Button>
      </div>
    </form>
  );
}
