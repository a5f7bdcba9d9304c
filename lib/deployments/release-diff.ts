// What changes on the environment with a deployment: the release it replaces ("from") against
// the one it deploys ("to"): version, artifact, config keys added, removed and changed, and the
// changelogs of the releases in between. Pure, so the page and the API show the same diff.

export type DiffRelease = { id: string; version: string; artifactType: string; artifact: string; config: Record<string, string>; changelog: string; createdAt: Date };

export type ChangelogEntry = { version: string; changelog: string; createdAt: Date };

export type ReleaseDiff = {
  version: { from: string | null; to: string };
  artifact: { from: string | null; to: string; changed: boolean };
  config: {
    added: Record<string, string>;
    removed: Record<string, string>;
    changed: Record<string, { from: string; to: string }>;
    unchanged: number;
  };
  /**
   * "forward": the changelogs this deployment brings (releases after `from`, up to `to`);
   * "back": a deployment to an older release takes these away; "same": it redeploys `from`.
   */
  changelog: { direction: "forward" | "back" | "same"; entries: ChangelogEntry[] };
};

export function diffConfig(from: Record<string, string>, to: Record<string, string>): ReleaseDiff["config"] {
  const added: Record<string, string> = {};
  const removed: Record<string, string> = {};
  const changed: Record<string, { from: string; to: string }> = {};
  let unchanged = 0;
  for (const key of Object.keys(to).sort()) {
    if (!(key in from)) added[key] = to[key]!;
    else if (from[key] !== to[key]) changed[key] = { from: from[key]!, to: to[key]! };
    else unchanged += 1;
  }
  for (const key of Object.keys(from).sort()) if (!(key in to)) removed[key] = from[key]!;
  return { added, removed, changed, unchanged };
}

/** `between`: the service's releases created between the two (either order), newest first. */
export function diffReleases(from: DiffRelease | null, to: DiffRelease, between: ChangelogEntry[]): ReleaseDiff {
  const direction = !from ? "forward" : from.id === to.id ? "same" : from.createdAt <= to.createdAt ? "forward" : "back";
  const entries =
    direction === "same"
      ? []
      : direction === "forward"
        ? [{ version: to.version, changelog: to.changelog, createdAt: to.createdAt }, ...between]
        : [{ version: from!.version, changelog: from!.changelog, createdAt: from!.createdAt }, ...between];
  return {
    version: { from: from?.version ?? null, to: to.version },
    artifact: { from: from?.artifact ?? null, to: to.artifact, changed: from?.artifact !== to.artifact },
    config: diffConfig(from?.config ?? {}, to.config),
    changelog: { direction, entries: entries.filter((entry) => entry.changelog.trim() !== "") },
  };
}
