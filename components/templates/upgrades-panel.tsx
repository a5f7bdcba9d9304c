"use client";
// The template page's upgrades: the policy (manual, or every publish upgrades every environment),
// a bulk upgrade of the environments on older versions (each its own update run, at most N at
// once), and the recent batches with how far each got.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { BatchSummary, StartedBatch } from "@/lib/environments/upgrade-batches";
import type { Jsonify } from "../jsonify";
import { useApiAction } from "../use-api-action";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { RelativeTime } from "../ui/relative-time";

type Version = { version: number; deprecated: boolean; environments: number };

export function UpgradesPanel(props: {
  slug: string;
  policy: "manual" | "automatic";
  canManage: boolean;
  versions: Version[];
  batches: Jsonify<BatchSummary>[];
}) {
  const router = useRouter();
  const policyAction = useApiAction();
  const upgradeAction = useApiAction();
  const targets = props.versions.filter((v) => !v.deprecated);
  const [toVersion, setToVersion] = useState(targets[0]?.version ?? 0);
  const [concurrency, setConcurrency] = useState("5");
  const [result, setResult] = useState<Omit<Jsonify<StartedBatch>, "outbox"> | null>(null);
  const behind = props.versions.filter((v) => v.version < toVersion).reduce((sum, v) => sum + v.environments, 0);
  const base = `/api/v1/templates/${encodeURIComponent(props.slug)}`;

  async function setPolicy(policy: string) {
    const done = await policyAction.run(base, { method: "PATCH", body: { upgradePolicy: policy } });
    if (done.ok) router.refresh();
  }

  async function upgrade() {
    const done = await upgradeAction.run<Omit<Jsonify<StartedBatch>, "outbox">>(`${base}/upgrades`, {
      method: "POST",
      body: { toVersion, fromVersions: props.versions.filter((v) => v.version < toVersion).map((v) => v.version), concurrency: Number(concurrency) },
    });
    if (done.ok) {
      setResult(done.data);
      router.refresh();
    }
  }

  return (
    <div className="space-y-5 p-4">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label htmlFor="upgrade-policy" className="font-medium text-slate-700">
          Upgrade policy
        </label>
        {props.canManage ? (
          <select id="upgrade-policy" className="input w-auto" value={props.policy} disabled={policyAction.busy} onChange={(event) => void setPolicy(event.target.value)}>
            <option value="manual">Manual: owners upgrade their environments</option>
            <option value="automatic">Automatic: every publish upgrades every environment</option>
          </select>
        ) : (
          <span id="upgrade-policy">{props.policy === "automatic" ? "Automatic on publish" : "Manual"}</span>
        )}
        {policyAction.error && (
          <span role="alert" className="text-xs text-red-700">
            {policyAction.error}
          </span>
        )}
      </div>

      {targets.length > 0 && (
        <form
          className="flex flex-wrap items-end gap-3 text-sm"
          onSubmit={(event) => {
            event.preventDefault();
            void upgrade();
          }}
        >
          <label className="flex flex-col gap-1 font-medium text-slate-700">
            To version
            <select className="input w-auto" value={toVersion} onChange={(event) => setToVersion(Number(event.target.value))}>
              {targets.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 font-medium text-slate-700">
            At most at once
            <input className="input w-24" type="number" min={1} max={50} value={concurrency} onChange={(event) => setConcurrency(event.target.value)} />
          </label>
          <Button type="submit" disabled={upgradeAction.busy || behind === 0}>
            {behind === 0 ? "Every environment is on this version or newer" : `Upgrade ${behind} environment${behind === 1 ? "" : "s"} on older versions`}
          </Button>
        </form>
      )}
      {upgradeAction.error && <Alert>{upgradeAction.error}</Alert>}
      {result && (
        <Alert tone={result.queued.length > 0 ? "success" : "warning"} title={`${result.queued.length} update run(s) queued to version ${result.toVersion}, at most ${result.concurrency} at once`}>
          {result.skipped.length > 0 && (
            <ul className="list-disc pl-5">
              {result.skipped.map((s) => (
                <li key={s.environmentId}>
                  {s.name}: {s.reason}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}

      {props.batches.length === 0 ? (
        <p className="text-sm text-slate-500">No bulk upgrades yet. Environments can also be upgraded one by one from their page.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-4 font-medium">Started</th>
              <th className="py-1 pr-4 font-medium">To</th>
              <th className="py-1 pr-4 font-medium">By</th>
              <th className="py-1 pr-4 font-medium">At once</th>
              <th className="py-1 font-medium">Runs</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {props.batches.map((batch) => (
              <tr key={batch.id} data-testid="upgrade-batch">
                <td className="py-1.5 pr-4">
                  <RelativeTime date={batch.createdAt} />
                </td>
                <td className="py-1.5 pr-4 font-mono">v{batch.toVersion}</td>
                <td className="py-1.5 pr-4">{batch.trigger === "publish" ? "the automatic policy" : (batch.requestedBy ?? "—")}</td>
                <td className="py-1.5 pr-4">{batch.concurrency}</td>
                <td className="py-1.5 text-slate-600">
                  {batch.runs.succeeded} done · {batch.runs.running} running · {batch.runs.queued} waiting · {batch.runs.failed} failed · {batch.runs.canceled} canceled
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
