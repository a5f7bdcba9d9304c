import { ButtonLink } from "./button";
import { EmptyState } from "./empty-state";

export function Forbidden({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <EmptyState
        title={title}
        icon={
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-5">
            <rect x="5" y="11" width="14" height="9" rx="2" />
            <path d="M8 11V8a4 4 0 1 1 8 0v3" />
          </svg>
        }
        action={<ButtonLink href="/environments">Back to environments</ButtonLink>}
      >
        <p className="mb-1 font-mono text-xs text-slate-400">403 — Forbidden</p>
        {children}
      </EmptyState>
    </div>
  );
}
