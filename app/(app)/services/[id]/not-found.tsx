import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ServiceNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <EmptyState title="Service not found" action={<ButtonLink href="/services">Back to services</ButtonLink>}>
        There is no service with this id that you can see. The link may be wrong, or the service belongs to a team you are not a member of.
      </EmptyState>
    </div>
  );
}
