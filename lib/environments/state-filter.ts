// The environment list's state filter, one vocabulary for the API, the page's select and the
// CLI: `active` (everything not destroyed, the default), `all` (destroyed included) or one
// state. The page's options are built from this list, and a test asks the API for each of them.
// Imports zod only: the filter's client component uses it too.
import { z } from "zod";
import type { EnvironmentState } from "../db/generated/enums";

/** Every state an environment can be in, in the order a person reads a lifecycle. */
export const ENVIRONMENT_STATES = [
  "requested",
  "awaiting_approval",
  "provisioning",
  "ready",
  "updating",
  "stopping",
  "stopped",
  "starting",
  "destroying",
  "failed",
  "destroyed",
] as const satisfies readonly EnvironmentState[];

// A state added to the schema and not here fails to compile.
type Missing = Exclude<EnvironmentState, (typeof ENVIRONMENT_STATES)[number]>;
const everyState: [Missing] extends [never] ? true : Missing = true;
void everyState;

/** In the order the page's select offers them. */
export const STATE_FILTERS = ["active", ...ENVIRONMENT_STATES, "all"] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];
export const DEFAULT_STATE_FILTER: StateFilter = "active";

export const stateFilterSchema = z.enum(STATE_FILTERS, { error: () => `must be one of ${STATE_FILTERS.join(", ")}` }).default(DEFAULT_STATE_FILTER);

/** What the page's select says for each value. */
export function stateFilterLabel(filter: StateFilter): string {
  if (filter === "active") return "All active";
  if (filter === "all") return "All, including destroyed";
  const words = filter.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The Prisma condition on Environment.state. */
export function stateWhere(filter: StateFilter): { state?: EnvironmentState | { not: EnvironmentState } } {
  if (filter === "all") return {};
  if (filter === "active") return { state: { not: "destroyed" } };
  return { state: filter };
}
