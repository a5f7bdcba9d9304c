import type { ReactNode } from "react";

/**
 * Label, control, help and error in one block; the control gets the ids via the render prop. An
 * error given as a predicate ("is required") reads as a sentence with its subject ("Name is
 * required"), and takes the help text's place rather than repeating it.
 */
export function Field({ id, label, help, error, children, required, inline }: {
  id: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string;
  required?: boolean;
  inline?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const message = error && typeof label === "string" && /^[a-z]/.test(error) ? `${label} ${error}` : error;
  const shownHelp = message ? undefined : help;
  const helpId = shownHelp ? `${id}-help` : undefined;
  const errorId = message ? `${id}-error` : undefined;
  const describedBy = [errorId, helpId].filter(Boolean).join(" ") || undefined;
  const labelNode = (
    <label htmlFor={id} className="text-sm font-medium text-slate-800">
      {label}
      {required && (
        <span className="ml-0.5 text-red-500" aria-hidden>
          *
        </span>
      )}
    </label>
  );
  return (
    <div>
      {inline ? (
        <div className="flex items-center gap-2">
          {children(describedBy)}
          {labelNode}
        </div>
      ) : (
        <>
          <div className="mb-1.5">{labelNode}</div>
          {children(describedBy)}
        </>
      )}
      {message && (
        <p id={errorId} className="mt-1.5 text-sm text-red-600">
          {message}
        </p>
      )}
      {shownHelp && (
        <p id={helpId} className="mt-1.5 text-xs text-slate-500">
          {shownHelp}
        </p>
      )}
    </div>
  );
}
