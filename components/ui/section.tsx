import type { ReactNode } from "react";
import { cn } from "./cn";

/** A titled white card; the title is a real heading so screen readers can jump between sections. */
export function Section({ title, actions, children, className, bodyClassName, id }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; bodyClassName?: string; id?: string }) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section aria-labelledby={headingId} className={cn("overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs", className)}>
      {(title || actions) && (
        <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
          {title && (
            <h2 id={headingId} className="text-sm font-semibold text-slate-900">
              {title}
            </h2>
          )}
          {actions}
        </div>
      )}
      <div className={bodyClassName}>{children}</div>
    </section>
  );
}
