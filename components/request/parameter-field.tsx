"use client";
import { Field } from "../ui/field";
import type { FormValue, ParameterField } from "./schema-fields";

function constraints(field: ParameterField): string | null {
  const parts: string[] = [];
  if (field.minimum !== undefined && field.maximum !== undefined) parts.push(`${field.minimum}–${field.maximum}`);
  else if (field.minimum !== undefined) parts.push(`at least ${field.minimum}`);
  else if (field.maximum !== undefined) parts.push(`at most ${field.maximum}`);
  if (field.maxLength !== undefined && field.kind === "text") parts.push(`up to ${field.maxLength} characters`);
  return parts.length > 0 ? parts.join(", ") : null;
}

/** One input generated from a JSON Schema property: title as label, description as help. */
export function ParameterInput({ field, value, error, onChange, onBlur }: {
  field: ParameterField;
  value: FormValue | undefined;
  error?: string;
  onChange: (value: FormValue) => void;
  onBlur: () => void;
}) {
  const id = `param-${field.key}`;
  const limits = constraints(field);
  const help = [field.description, limits].filter(Boolean).join(" · ") || undefined;

  if (field.kind === "boolean") {
    return (
      <Field id={id} label={field.title} help={field.description} error={error} inline>
        {(describedBy) => (
          <input
            id={id}
            type="checkbox"
            checked={Boolean(value)}
            onChange={(event) => onChange(event.target.checked)}
            aria-describedby={describedBy}
            className="size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
          />
        )}
      </Field>
    );
  }

  const text = typeof value === "string" ? value : "";
  return (
    <Field id={id} label={field.title} help={help} error={error} required={field.required}>
      {(describedBy) =>
        field.kind === "select" ? (
          <select id={id} value={text} onChange={(event) => onChange(event.target.value)} onBlur={onBlur} aria-invalid={Boolean(error)} aria-describedby={describedBy} className="input">
            {!field.required && <option value="">—</option>}
            {field.options?.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        ) : (
          // Numbers too are typed as text: a number input reports "1e" or "--2" as empty, which
          // would quietly mean "the default" to the estimate and the request while the box shows
          // something else. As text, what is shown is what is checked, priced and sent.
          <input
            id={id}
            type={field.secret ? "password" : "text"}
            inputMode={field.kind === "integer" ? "numeric" : field.kind === "number" ? "decimal" : undefined}
            maxLength={field.maxLength}
            value={text}
            onChange={(event) => onChange(event.target.value)}
            onBlur={onBlur}
            aria-invalid={Boolean(error)}
            aria-describedby={describedBy}
            aria-required={field.required}
            className={field.kind === "text" ? "input font-mono" : "input w-40"}
            spellCheck={false}
            autoComplete={field.secret ? "new-password" : "off"}
          />
        )
      }
    </Field>
  );
}
