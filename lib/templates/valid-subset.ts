// Values saved against one version of a template (the user's last request, the environment
// being requested again) meet another version, or the same one after its schema changed: keep
// only the values that still fit, so the form never opens with something the request refuses.
import { isSecretParameter } from "./secret-parameters";
import { validateParameters } from "./validate-parameters";

export type ValidSubset = {
  kept: Record<string, unknown>;
  /** Parameters left out because the schema no longer has them or no longer accepts the value. */
  dropped: string[];
};

const MAX_ROUNDS = 20;

export function validSubset(schema: Record<string, unknown>, values: Record<string, unknown>): ValidSubset {
  const declared = (schema.properties ?? {}) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (isSecretParameter(schema, name)) continue; // never carried over, and not worth a mention
    if (Object.hasOwn(declared, name)) kept[name] = value;
    else dropped.push(name);
  }
  // A bad value is reported at its own path; dropping it may reveal another (a rule between
  // fields), hence the rounds. What no single value explains drops everything.
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const result = validateParameters(schema, kept, { partial: true });
    if (result.ok) return { kept, dropped };
    const culprits = new Set(result.issues.map((issue) => issue.path.split(".")[1]).filter((name): name is string => name !== undefined && Object.hasOwn(kept, name)));
    if (culprits.size === 0) break;
    for (const name of culprits) {
      delete kept[name];
      dropped.push(name);
    }
  }
  return { kept: {}, dropped: [...dropped, ...Object.keys(kept)] };
}
