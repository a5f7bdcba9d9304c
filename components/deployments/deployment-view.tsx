"use client";
import { useState } from "react";
import { LogPanel } from "../environments/log-panel";
import { RunActions } from "../environments/run-actions";
import { RunTimeline } from "../environments/run-timeline";
import type { LogLineJson } from "../environments/types";
import { Alert } from "../ui/alert";
import { Section } from "../ui/section";
import { DeploymentHeader } from "./deployment-header";
import { GateResults } from "./gate-results";
import { PromoteAction } from "./promote-action";
import { ReleaseDiff } from "./release-diff";
import { RollbackButton } from "./rollback-button";
import type { DeploymentJson } from "./types";
import { useDeploymentStream } from "./use-deployment-stream";

const REASON_TITLE: Record<string, string> = { failed: "The deployment failed", rolled_back: "Rolled back automatically", canceled: "Canceled" };

/** The live deployment page: header, steps, logs, health gate and diff follow the environment's event stream. */
export function DeploymentView({ initial, initialLogs }: { initial: DeploymentJson; initialLogs: LogLineJson[] }) {
  const { deployment, logs, connection } = useDeploymentStream(initial, initialLogs);
  const [notice, setNotice] = useState<string | null>(null);
  const run = deployment.run;

  return (
    <>
      <DeploymentHeader
        deployment={deployment}
        connection={connection}
        actions={
          <>
            <RollbackButton deployment={deployment} />
            <div id="promote-slot">
              <PromoteAction deploymentId={deployment.id} nextStage={deployment.actions.promoteTo} release={deployment.release.version} />
            </div>
          </>
        }
      />
      <div className="space-y-6">
        {notice && <Alert tone="info">{notice}</Alert>}
        {deployment.reason && (
          <Alert tone={deployment.state === "canceled" ? "info" : "error"} title={REASON_TITLE[deployment.state] ?? "Why"}>
            {deployment.reason}
          </Alert>
        )}
        {deployment.state === "awaiting_confirmation" && (
          <Alert tone="info" title="Waiting for a team admin">
            {deployment.stage ? `Deploys to stage ${deployment.stage.name} start once a team admin confirms them.` : "This deployment starts once a team admin confirms it."}
          </Alert>
        )}
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
          <Section title="Steps" id="steps" className="lg:col-span-2">
            {run ? (
              <RunTimeline run={run} actions={<RunActions run={run} onDone={setNotice} />} />
            ) : (
              <p className="px-4 py-6 text-sm text-slate-500">No run yet: it is created when the deployment is confirmed.</p>
            )}
          </Section>
          <Section title="Changes" id="diff">
            <ReleaseDiff diff={deployment.diff} />
          </Section>
        </div>
        <Section title="Health gate" id="gate">
          <GateResults results={deployment.gateResults} />
        </Section>
        <Section title="Logs" id="logs">
          <LogPanel lines={logs} runs={run ? [run] : []} />
        </Section>
      </div>
    </>
  );
}
