import { describe, expect, it, vi } from "vitest";
import type { CloudImage, CloudProvider } from "../cloud/provider";
import { ImageResolver } from "./image-resolver";

const image = (id: string, created: string): CloudImage => ({ id, name: id, architecture: "x86_64", ownerId: "1", createdAt: new Date(created) });

function fakeProvider(listImages: CloudProvider["listImages"]): CloudProvider {
  return { region: "us-east-1", listImages } as unknown as CloudProvider;
}

describe("ImageResolver", () => {
  it("picks the newest match and shares one call between concurrent and later lookups", async () => {
    const listImages = vi.fn(async () => [image("ami-old", "2026-01-01"), image("ami-new", "2026-10-01")]);
    const resolver = new ImageResolver();
    const provider = fakeProvider(listImages);
    const lookup = { owner: "amazon", name: "al2023-*" };
    const results = await Promise.all(Array.from({ length: 50 }, () => resolver.resolve(provider, "acct", lookup)));
    expect(results.every((r) => r?.id === "ami-new")).toBe(true);
    await resolver.resolve(provider, "acct", lookup);
    expect(listImages).toHaveBeenCalledTimes(1);
    await resolver.resolve(provider, "other-account", lookup);
    expect(listImages).toHaveBeenCalledTimes(2);
  });

  it("looks again after the TTL and never caches a failure", async () => {
    let now = 0;
    const listImages = vi.fn().mockRejectedValueOnce(new Error("throttled")).mockResolvedValue([image("ami-1", "2026-01-01")]);
    const resolver = new ImageResolver({ ttlMs: 1000, now: () => now });
    const provider = fakeProvider(listImages);
    await expect(resolver.resolve(provider, "a", { owner: "amazon", name: "x" })).rejects.toThrow("throttled");
    await expect(resolver.resolve(provider, "a", { owner: "amazon", name: "x" })).resolves.toMatchObject({ id: "ami-1" });
    now = 2000;
    await resolver.resolve(provider, "a", { owner: "amazon", name: "x" });
    expect(listImages).toHaveBeenCalledTimes(3);
  });
});
