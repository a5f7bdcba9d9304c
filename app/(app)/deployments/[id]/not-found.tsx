import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function DeploymentNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <EmptyState title="Deployment not found" action={<ButtonLink href="/deployments">Back to deployments</ButtonLink>}>
        There is no deployment with this id that you can see. The link may be wrong, or it belongs to a team you are not a member of.
      </EmptyState>
    </div>
  );
}
