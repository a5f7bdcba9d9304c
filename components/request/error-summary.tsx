"use client";
import { useEffect, useRef } from "react";
import type { FieldErrors } from "./types";

export function fieldId(path: string): string {
  return path.startsWith("parameters.") ? `param-${path.slice("parameters.".length)}` : path;
}

/** Listed at the top and focused, so keyboard and screen-reader users learn what to fix. */
export function ErrorSummary({ message, errors, labels, extra }: { message: string; errors: FieldErrors; labels: Record<string, string>; extra: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [message, errors]);
  const entries = Object.entries(errors);
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800 outline-none">
      <p id="error-summary-title" className="font-medium">
        {message}
      </p>
      {(entries.length > 0 || extra.length > 0) && (
        <ul className="mt-2 list-disc space-y-0.5 pl-5">
          {entries.map(([path, text]) => (
            <li key={path}>
              <a href={`#${fieldId(path)}`} className="underline underline-offset-2 hover:text-red-900">
                {labels[path] ?? path}
              </a>{" "}
              {text}
            </li>
          ))}
          {extra.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
