// A template's presets ("small", "perf") are checked when it is published, with the validator
// requests use: each preset's values must be ones a request would accept, reported at their
// path (presets.perf.parameters.size) so the editor and the API point at the line. A preset may
// leave out required parameters (the person requesting fills them in), never hold a secret.
import type { FieldIssue } from "../errors";
import { isSecretParameter } from "./secret-parameters";
import type { TemplateSpec } from "./template-spec";
import { validateParameters } from "./validate-parameters";

export function checkPresets(spec: TemplateSpec): FieldIssue[] {
  const declared = (spec.parameters.properties ?? {}) as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  for (const [name, preset] of Object.entries(spec.presets ?? {})) {
    const at = `presets.${name}.parameters`;
    const reported = new Set<string>();
    for (const key of Object.keys(preset.parameters)) {
      if (!Object.hasOwn(declared, key)) {
        issues.push({ path: `${at}.${key}`, message: "is not a parameter of this template" });
        reported.add(`${at}.${key}`);
      } else if (isSecretParameter(spec.parameters, key)) {
        issues.push({ path: `${at}.${key}`, message: "is a secret parameter; presets are readable by everyone who may use the template, so they cannot hold one" });
        reported.add(`${at}.${key}`);
      }
    }
    const result = validateParameters(spec.parameters, preset.parameters, { partial: true });
    if (result.ok) continue;
    for (const issue of result.issues) {
      // "parameters.size" -> "presets.perf.parameters.size"
      const path = `${at}${issue.path.slice("parameters".length)}`;
      if (reported.has(path)) continue;
      reported.add(path);
      issues.push({ path, message: issue.message });
    }
  }
  return issues;
}
