// The environment list's state filter values, as lib/environments/state-filter.ts defines them.
// Copied rather than imported: that module builds a zod schema, which would bring zod into the
// CLI's bundle (five times its size) for one list. states.test.ts keeps the two equal.
export const STATE_FILTERS = ["active", "requested", "awaiting_approval", "provisioning", "ready", "updating", "stopping", "stopped", "starting", "destroying", "failed", "destroyed", "all"] as const;
