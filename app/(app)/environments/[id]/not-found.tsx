import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function EnvironmentNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <EmptyState title="Environment not found" action={<ButtonLink href="/environments">Back to environments</ButtonLink>}>
        There is no environment with this id that you can see. The link may be wrong, or the environment belongs to a team you are not a member of.
      </EmptyState>
    </div>
  );
}
