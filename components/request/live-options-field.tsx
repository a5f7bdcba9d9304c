"use client";
import { useEffect, useState } from "react";
import { Field } from "../ui/field";
import { callApi } from "../api-client";
import type { FormValue, ParameterField } from "./schema-fields";

type Option = { value: string; label: string; detail?: string };
type State = { status: "loading" } | { status: "ready"; options: Option[] } | { status: "error"; message: string };

/**
 * A parameter whose options come from the cloud account (`source:` in the template): a select
 * filled from GET /api/v1/templates/:id/options, asked again whenever an answer it depends on
 * (or the account or region) changes. A value the new list no longer offers is cleared, so the
 * form never holds a choice the request would refuse.
 */
export function LiveOptionsField({ field, template, placement, values, titles = {}, value, error, onChange, onBlur }: {
  field: ParameterField;
  /** Field titles by parameter key, to name the answers still missing. */
  titles?: Record<string, string>;
  template: { slug: string; version: number };
  placement: { cloudAccount?: string; region?: string };
  values: Record<string, FormValue>;
  value: FormValue | undefined;
  error?: string;
  onChange: (value: FormValue) => void;
  onBlur: () => void;
}) {
  const query = new URLSearchParams({ parameter: field.key, templateVersion: String(template.version) });
  if (placement.cloudAccount) query.set("cloudAccount", placement.cloudAccount);
  if (placement.region) query.set("region", placement.region);
  for (const name of field.dependsOn ?? []) {
    const answer = values[name];
    if (typeof answer === "string" && answer !== "") query.set(name, answer);
  }
  const url = `/api/v1/templates/${encodeURIComponent(template.slug)}/options?${query.toString()}`;
  const [state, setState] = useState<State & { url: string | null }>({ status: "loading", url: null });
  const text = typeof value === "string" ? value : "";

  useEffect(() => {
    const abort = new AbortController();
    void callApi<{ options: Option[] }>(url, { method: "GET", signal: abort.signal }).then((result) => {
      if (abort.signal.aborted) return;
      setState(result.ok ? { status: "ready", options: result.data.options, url } : { status: "error", message: result.message, url });
    });
    return () => abort.abort();
  }, [url]);

  const current = state.url === url ? state : ({ status: "loading", url } as const);
  const options = current.status === "ready" ? current.options : [];
  const offered = current.status !== "ready" || text === "" || options.some((option) => option.value === text);
  useEffect(() => {
    if (!offered) onChange("");
  }, [offered, onChange]);

  const waiting = (field.dependsOn ?? []).filter((name) => !values[name]).map((name) => titles[name] ?? name);
  const status =
    current.status === "loading"
      ? "Loading options from the cloud…"
      : current.status === "error"
        ? `Options could not be loaded: ${current.message}`
        : options.length === 0
          ? "Nothing to choose from for the answers above."
          : waiting.length > 0
            ? `Choose ${waiting.join(" and ")} first to narrow these.`
            : null;
  const selected = options.find((option) => option.value === text);
  const help = [field.description, selected?.detail, status].filter(Boolean).join(" · ") || undefined;
  const id = `param-${field.key}`;

  return (
    <Field id={id} label={field.title} help={help} error={error} required={field.required}>
      {(describedBy) => (
        <select
          id={id}
          value={offered ? text : ""}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy}
          aria-busy={current.status === "loading"}
          className="input"
        >
          <option value="">{current.status === "loading" ? "Loading…" : field.required ? "Choose…" : "—"}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.detail ? `${option.label} — ${option.detail}` : option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
