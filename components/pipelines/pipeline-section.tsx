// The service page's Pipeline section: stages left to right, each with its environment, the
// release live there and what awaits a confirmation, a Promote button between stages, and the
// form that edits the stages. A server component; the buttons and the form are client islands.
import type { PipelineView } from "@/lib/pipelines/get-pipeline";
import type { Jsonify } from "../jsonify";
import { EmptyState } from "../ui/empty-state";
import { PipelineEditor, type EnvironmentChoice } from "./pipeline-editor";
import { PromoteButton } from "./promote-button";
import { StageCard } from "./stage-card";

export function PipelineSection({ pipeline, choices }: { pipeline: Jsonify<PipelineView>; choices: EnvironmentChoice[] }) {
  const { stages, canEdit, canConfirm, service } = pipeline;
  return (
    <div className="space-y-4 p-4">
      {stages.length === 0 ? (
        <EmptyState title="No pipeline yet">
          {canEdit
            ? "Add stages such as dev, staging and prod, each bound to an environment: then promote a release from one stage to the next, and let CI deploy to the first stage."
            : "A developer of the team sets up the stages a release moves through."}
        </EmptyState>
      ) : (
        <ol className="flex items-stretch gap-2 overflow-x-auto pb-1" aria-label="Pipeline stages">
          {stages.map((stage, index) => {
            const previous = index > 0 ? stages[index - 1] : undefined;
            return (
              <li key={stage.id} className="flex items-stretch gap-2">
                {previous && (
                  <div className="flex shrink-0 flex-col items-center justify-center gap-1 text-slate-400">
                    <span aria-hidden>→</span>
                    {canEdit && previous.live && <PromoteButton serviceId={service.id} from={previous.name} to={stage.name} release={previous.live.release} />}
                  </div>
                )}
                <StageCard stage={stage} canConfirm={canConfirm} />
              </li>
            );
          })}
        </ol>
      )}
      {canEdit && (
        <PipelineEditor
          serviceId={service.id}
          group={service.instanceGroup}
          choices={choices}
          initial={stages.map((s) => ({ name: s.name, environment: s.environment.id, environmentName: s.environment.name, requiresConfirmation: s.requiresConfirmation }))}
        />
      )}
    </div>
  );
}
