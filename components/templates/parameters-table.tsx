import { parameterFields, type ParameterField } from "../request/schema-fields";

function constraintText(field: ParameterField): string {
  const parts: string[] = [];
  if (field.options) parts.push(`one of ${field.options.join(", ")}`);
  if (field.source) parts.push(`live from the cloud: ${field.source}${field.dependsOn?.length ? `, narrowed by ${field.dependsOn.join(", ")}` : ""}`);
  if (field.minimum !== undefined) parts.push(`≥ ${field.minimum}`);
  if (field.maximum !== undefined) parts.push(`≤ ${field.maximum}`);
  if (field.minLength !== undefined) parts.push(`min length ${field.minLength}`);
  if (field.maxLength !== undefined) parts.push(`max length ${field.maxLength}`);
  if (field.pattern) parts.push(`matches ${field.pattern}`);
  return parts.join("; ");
}

export function ParametersTable({ schema, order }: { schema: Record<string, unknown>; order: string[] }) {
  const fields = parameterFields(schema, order);
  if (fields.length === 0) return <p className="px-4 py-6 text-sm text-slate-500">This template takes no parameters.</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className="table-base">
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Type</th>
            <th scope="col">Default</th>
            <th scope="col">Constraints</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.key}>
              <td>
                <div className="font-mono text-sm text-slate-900">
                  {field.key}
                  {field.required && <span className="ml-1.5 rounded bg-slate-100 px-1 py-0.5 font-sans text-[10px] font-medium text-slate-600 uppercase">required</span>}
                </div>
                <div className="text-xs text-slate-500">{[field.title !== field.key ? field.title : null, field.description].filter(Boolean).join(" — ")}</div>
              </td>
              <td className="text-slate-700">{field.kind === "select" ? "string (choice)" : field.kind === "text" ? "string" : field.kind}</td>
              <td className="font-mono text-xs text-slate-700">{field.defaultValue === "" ? <span className="text-slate-400">—</span> : String(field.defaultValue)}</td>
              <td className="font-mono text-xs text-slate-600">{constraintText(field) || <span className="text-slate-400">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
