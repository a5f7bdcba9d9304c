// Finds the newest image matching a template's {owner, name, architecture} lookup. Answers are
// cached per account/region/lookup for a few minutes and concurrent lookups share one call, so
// a burst of 200 environments costs one DescribeImages, not 200.
import type { CloudImage, CloudProvider } from "../cloud/provider";

export type ImageLookup = { owner: string; name: string; architecture?: "x86_64" | "arm64" };

type Entry = { at: number; image: Promise<CloudImage | null> };

export class ImageResolver {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: { ttlMs?: number; now?: () => number } = {}) {}

  resolve(provider: CloudProvider, scope: string, lookup: ImageLookup): Promise<CloudImage | null> {
    const now = (this.options.now ?? Date.now)();
    const key = `${scope}|${provider.region}|${lookup.owner}|${lookup.name}|${lookup.architecture ?? ""}`;
    const hit = this.entries.get(key);
    if (hit && now - hit.at < (this.options.ttlMs ?? 5 * 60_000)) return hit.image;
    const image = provider
      .listImages({ owners: [lookup.owner], namePattern: lookup.name, ...(lookup.architecture ? { architecture: lookup.architecture } : {}) })
      .then((images) => images.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0] ?? null);
    this.entries.set(key, { at: now, image });
    // A failed lookup must not be cached.
    image.catch(() => this.entries.delete(key));
    return image;
  }
}
