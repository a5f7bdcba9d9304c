import { describe, expect, it } from "vitest";
import type { PlannedGroup } from "../templates/resolve-plan";
import { launchCandidates } from "./launch-candidates";

const group = (alternatives: PlannedGroup["alternatives"]): PlannedGroup => ({ name: "web", image: { id: "ami-0123456789abcdef0" }, instanceType: "t3.micro", count: 1, tags: {}, alternatives });

describe("launchCandidates", () => {
  it("tries the first choice, then each zone, then each alternative type in each zone", () => {
    expect(launchCandidates(group({ instanceTypes: ["t3a.micro"], zones: ["us-east-1a", "us-east-1b"] }))).toEqual([
      { instanceType: "t3.micro", zone: "us-east-1a" },
      { instanceType: "t3.micro", zone: "us-east-1b" },
      { instanceType: "t3a.micro", zone: "us-east-1a" },
      { instanceType: "t3a.micro", zone: "us-east-1b" },
    ]);
  });

  it("lets the cloud pick the zone when the template names none, and drops a repeated first choice", () => {
    expect(launchCandidates(group({ instanceTypes: ["t3.micro", "t3.small"], zones: [] }))).toEqual([{ instanceType: "t3.micro" }, { instanceType: "t3.small" }]);
  });

  it("keeps a fixed subnet's zone: only the instance types vary", () => {
    expect(launchCandidates({ ...group({ instanceTypes: ["t3a.micro"], zones: ["us-east-1a", "us-east-1b"] }), subnetId: "subnet-0123456789abcdef0" })).toEqual([
      { instanceType: "t3.micro" },
      { instanceType: "t3a.micro" },
    ]);
  });
});
