"use client";
import { useState } from "react";
import { Alert } from "../ui/alert";
import { ButtonLink } from "../ui/button";
import { Section } from "../ui/section";
import { DestroyButton } from "./destroy-button";
import { EnvironmentHeader } from "./environment-header";
import { FailureBanner } from "./failure-banner";
import { InstancesTable } from "./instances-table";
import { LogPanel } from "./log-panel";
import { OutputsList } from "./outputs-list";
import { ParametersList } from "./parameters-list";
import { RunHistory } from "./run-history";
import { RunActions } from "./run-actions";
import { RunTimeline } from "./run-timeline";
import { UpdateBanner } from "./update-banner";
import { ACTIVE_RUN_STATES, currentRun, type EnvironmentJson, type LogLineJson } from "./types";
import { useEnvironmentStream } from "./use-environment-stream";

function destroyDisabledReason(environment: EnvironmentJson): string | null {
  if (!environment.canWrite) return "Your role in this team cannot change this environment";
  if (environment.state === "destroyed") return "Already destroyed";
  if (environment.state === "destroying" || environment.runs.some((r) => r.kind === "destroy" && ACTIVE_RUN_STATES.has(r.state))) return "Already being destroyed";
  return null;
}

/** The live environment page: everything below follows the SSE stream, no reloads. */
export function EnvironmentView({ initial, initialLogs, outputOrder }: { initial: EnvironmentJson; initialLogs: LogLineJson[]; outputOrder: string[] }) {
  const { environment, logs, connection } = useEnvironmentStream(initial, initialLogs);
  const [pickedRunId, setPickedRunId] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | null>(null);
  const run = environment.runs.find((r) => r.id === pickedRunId) ?? currentRun(environment.runs);

  return (
    <>
      <EnvironmentHeader
        environment={environment}
        connection={connection}
        actions={
          <>
            {environment.canWrite && (
              // The same template version and parameters under a new name (the form says when that version is deprecated).
              <ButtonLink href={`/environments/new?again=${encodeURIComponent(environment.id)}`}>Request again</ButtonLink>
            )}
            <DestroyButton
              environmentId={environment.id}
              name={environment.name}
              disabledReason={destroyDisabledReason(environment)}
              onRequested={() => {
                setPickedRunId(undefined);
                setNotice("Destroy requested. Its progress appears below.");
              }}
            />
          </>
        }
      />
      <div className="space-y-6">
        {notice && environment.state !== "destroyed" && (
          <Alert tone="info" className="flex items-center justify-between">
            {notice}
          </Alert>
        )}
        <FailureBanner environment={environment} />
        <UpdateBanner environment={environment} />
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
          <Section title="Steps" id="steps" className="lg:col-span-2">
            {run ? (
              <RunTimeline run={run} actions={<RunActions run={run} onDone={setNotice} />} />
            ) : (
              <p className="px-4 py-6 text-sm text-slate-500">No runs yet.</p>
            )}
          </Section>
          <div className="space-y-6">
            <Section title="Outputs" id="outputs">
              <OutputsList outputs={environment.outputs} order={outputOrder} state={environment.state} />
            </Section>
            <Section title={`Parameters (version ${environment.template.version})`} id="parameters">
              <ParametersList environment={environment} />
            </Section>
          </div>
        </div>
        <Section title={`Instances (${environment.instances.length})`} id="instances">
          <InstancesTable instances={environment.instances} environmentState={environment.state} />
        </Section>
        <Section title="Logs" id="logs">
          <LogPanel lines={logs} runs={environment.runs} />
        </Section>
        <Section title="Run history" id="runs">
          <RunHistory runs={environment.runs} selectedId={run?.id} onSelect={setPickedRunId} />
        </Section>
      </div>
    </>
  );
}
