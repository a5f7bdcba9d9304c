import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function TemplateNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <EmptyState title="Template not found" action={<ButtonLink href="/catalog">Browse the catalog</ButtonLink>}>
        No template has this slug, or it has no published version yet. Templates are published by the platform team.
      </EmptyState>
    </div>
  );
}
