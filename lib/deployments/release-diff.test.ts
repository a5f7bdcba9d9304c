import { describe, expect, it } from "vitest";
import { diffConfig, diffReleases, type DiffRelease } from "./release-diff";

const release = (version: string, at: string, extra: Partial<DiffRelease> = {}): DiffRelease => ({
  id: `id-${version}`,
  version,
  artifactType: "image",
  artifact: `ghcr.io/acme/web:${version}`,
  config: {},
  changelog: `changes of ${version}`,
  createdAt: new Date(at),
  ...extra,
});

describe("diffConfig", () => {
  it("sorts keys into added, removed and changed, and counts the unchanged", () => {
    expect(diffConfig({ A: "1", B: "2", C: "3" }, { B: "2", C: "4", D: "5" })).toEqual({
      added: { D: "5" },
      removed: { A: "1" },
      changed: { C: { from: "3", to: "4" } },
      unchanged: 1,
    });
  });
});

describe("diffReleases", () => {
  it("a first deployment adds everything and brings its own changelog", () => {
    const diff = diffReleases(null, release("1.0.0", "2026-01-01", { config: { A: "1" } }), []);
    expect(diff.version).toEqual({ from: null, to: "1.0.0" });
    expect(diff.artifact).toEqual({ from: null, to: "ghcr.io/acme/web:1.0.0", changed: true });
    expect(diff.config.added).toEqual({ A: "1" });
    expect(diff.changelog).toMatchObject({ direction: "forward", entries: [{ version: "1.0.0" }] });
  });

  it("forward: the new release's changelog, then those in between, newest first", () => {
    const between = [{ version: "1.1.0", changelog: "middle", createdAt: new Date("2026-01-02") }];
    const diff = diffReleases(release("1.0.0", "2026-01-01"), release("1.2.0", "2026-01-03"), between);
    expect(diff.changelog.direction).toBe("forward");
    expect(diff.changelog.entries.map((e) => e.version)).toEqual(["1.2.0", "1.1.0"]);
  });

  it("back: a rollback lists what it takes away, starting with the release it replaces", () => {
    const diff = diffReleases(release("1.2.0", "2026-01-03"), release("1.0.0", "2026-01-01"), []);
    expect(diff.changelog).toMatchObject({ direction: "back", entries: [{ version: "1.2.0" }] });
  });

  it("same: a redeploy of the live release changes nothing", () => {
    const r = release("1.0.0", "2026-01-01", { config: { A: "1" } });
    const diff = diffReleases(r, r, []);
    expect(diff.changelog).toEqual({ direction: "same", entries: [] });
    expect(diff.artifact.changed).toBe(false);
    expect(diff.config).toEqual({ added: {}, removed: {}, changed: {}, unchanged: 1 });
  });

  it("leaves out empty changelogs", () => {
    const diff = diffReleases(release("1.0.0", "2026-01-01"), release("1.1.0", "2026-01-02", { changelog: "  " }), []);
    expect(diff.changelog.entries).toEqual([]);
  });
});
