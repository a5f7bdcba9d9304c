"use client";
import { useEffect, useRef } from "react";

/**
 * The form's problems, above the fields. The dialog scrolls, and Submit is at its bottom: on a
 * failed submit the summary is scrolled into view and focused (so a screen reader reads it),
 * and each entry moves focus to its field.
 */
export function ErrorSummary({ message, problems, attempt }: {
  message: string | null;
  problems: { field: string; label: string; message: string }[];
  /** Bumped on every failed submit, so the same errors are brought into view again. */
  attempt: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt === 0 || !ref.current) return;
    ref.current.scrollIntoView({ block: "nearest" });
    ref.current.focus({ preventScroll: true });
  }, [attempt]);
  if (!message && problems.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="account-form-errors" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 outline-none focus-visible:ring-2 focus-visible:ring-red-400">
      <p id="account-form-errors" className="font-medium">
        {message ?? "Fix these fields:"}
      </p>
      {problems.length > 0 && (
        <ul className="mt-1.5 list-disc space-y-0.5 pl-5">
          {problems.map((problem) => (
            <li key={problem.field}>
              <a
                href={`#${problem.field}`}
                className="underline decoration-red-300 underline-offset-2 hover:decoration-red-600"
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(problem.field)?.focus();
                }}
              >
                {problem.label}
              </a>
              : {problem.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
