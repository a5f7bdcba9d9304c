import { describe, expect, it } from "vitest";
import type { PlannedGroup } from "../templates/resolve-plan";
import { diffParameters, diffPlans } from "./diff-plans";

const group = (name: string, overrides: Partial<PlannedGroup> = {}): PlannedGroup => ({
  name,
  image: { owner: "amazon", name: "al2023-*" },
  instanceType: "t3.micro",
  count: 1,
  tags: {},
  alternatives: { instanceTypes: [], zones: [] },
  ...overrides,
});

describe("diffPlans", () => {
  it("keeps groups whose launch settings are equal, even written in another key order or with undefined members", () => {
    const from = { groups: [{ ...group("web"), userData: undefined }] };
    const to = { groups: [{ alternatives: { instanceTypes: ["t3a.micro"], zones: [] }, tags: {}, count: 1, instanceType: "t3.micro", image: { name: "al2023-*", owner: "amazon" }, name: "web" }] };
    expect(diffPlans(from, to as { groups: PlannedGroup[] })).toEqual([
      { name: "web", change: "unchanged", from: { instanceType: "t3.micro", count: 1, image: "amazon/al2023-*" }, to: { instanceType: "t3.micro", count: 1, image: "amazon/al2023-*" }, differences: [] },
    ]);
  });

  it("replaces a group whose type, count, image, user data, tags or network changed, and says what changed", () => {
    const from = { groups: [group("app", { count: 2, userData: "#!/bin/bash\necho 1" }), group("db", { subnetId: "subnet-1" })] };
    const to = {
      groups: [
        group("app", { count: 3, instanceType: "t3.small", userData: "#!/bin/bash\necho 2", image: { id: "ami-0123456789abcdef0" } }),
        group("db", { subnetId: "subnet-2", tags: { tier: "db" } }),
      ],
    };
    const [app, db] = diffPlans(from, to);
    expect(app).toMatchObject({ change: "replaced", differences: ["instance type t3.micro → t3.small", "count 2 → 3", "image amazon/al2023-* → ami-0123456789abcdef0", "user data"] });
    expect(db).toMatchObject({ change: "replaced", differences: ["subnet", "tags"] });
  });

  it("lists added and removed groups", () => {
    const changes = diffPlans({ groups: [group("web"), group("cache")] }, { groups: [group("web"), group("worker", { count: 2 })] });
    expect(changes.map((c) => [c.name, c.change])).toEqual([
      ["web", "unchanged"],
      ["worker", "added"],
      ["cache", "removed"],
    ]);
    expect(changes[1]!.to).toEqual({ instanceType: "t3.micro", count: 2, image: "amazon/al2023-*" });
    expect(changes[2]!.to).toBeNull();
  });
});

describe("diffParameters", () => {
  it("reports added (with their value), removed and changed parameters", () => {
    expect(diffParameters({ branch: "main", size: "t3.micro", old: 1 }, { branch: "main", size: "t3.small", replicas: 2 })).toEqual({
      added: [{ name: "replicas", value: 2 }],
      removed: [{ name: "old", value: 1 }],
      changed: [{ name: "size", from: "t3.micro", to: "t3.small" }],
    });
  });
});
