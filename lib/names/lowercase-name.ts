// Names people type (environments, services, template slugs) are lowercase letters, digits and
// hyphens. Input is checked as sent, never rewritten: `My-Env` used to be lowercased and created
// without a word, so the API answered with a name the client never asked for. A name that
// does not fit is refused with the nearest one that does, at the field, so a form can offer it
// before submitting and a script's author sees exactly what to send.
import { z } from "zod";

export type NameRules = {
  /** Longest allowed name. */
  max: number;
  /** Shortest allowed name (default 1). */
  min?: number;
  /** Whether the first character must be a letter (template slugs), not a digit. */
  letterFirst?: boolean;
  /** Shown when nothing usable can be suggested, e.g. `my-env`. */
  example: string;
};

/** The nearest name that fits: accents dropped, lowercased, runs of anything else as one hyphen. */
export function suggestName(input: string, rules: NameRules): string {
  let name = input
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (rules.letterFirst) name = name.replace(/^[^a-z]+/, "");
  name = name.slice(0, rules.max).replace(/-+$/, "");
  return name.length >= (rules.min ?? 1) ? name : "";
}

function fits(value: string, rules: NameRules): boolean {
  const first = rules.letterFirst ? "[a-z]" : "[a-z0-9]";
  return new RegExp(`^${first}([a-z0-9-]*[a-z0-9])?$`).test(value) && value.length >= (rules.min ?? 1) && value.length <= rules.max;
}

/** What is wrong with `value` as a name, with a suggestion; null when it fits. */
export function nameProblem(value: string, rules: NameRules): string | null {
  if (fits(value, rules)) return null;
  if (value === "") return "must not be empty";
  const suggestion = suggestName(value, rules);
  const advice = suggestion ? `: try '${suggestion}'` : `, like '${rules.example}'`;
  if (/^[a-z0-9-]+$/.test(value)) {
    if (value.length > rules.max) return `must be at most ${rules.max} characters${advice}`;
    if (value.length < (rules.min ?? 1)) return `must be at least ${rules.min} characters, like '${rules.example}'`;
    if (value.startsWith("-") || value.endsWith("-")) return `must not start or end with a hyphen${advice}`;
    return `must start with a letter${advice}`;
  }
  const kind = rules.letterFirst ? "lowercase letters, digits and hyphens, starting with a letter" : "lowercase letters, digits and hyphens";
  return `must use only ${kind}${advice}`;
}

/** A zod string that must already be a fitting name (no trimming or lowercasing on the way in). */
export function lowercaseName(rules: NameRules) {
  return z.string().superRefine((value, ctx) => {
    const problem = nameProblem(value, rules);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}
