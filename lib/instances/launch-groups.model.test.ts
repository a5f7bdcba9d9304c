// Model-based test of launchGroups (the launch step): any number of groups, an account budget
// already in debt by a random amount, early and late wake-ups, retryable errors before and
// after the cloud acted, capacity errors, and crashes at any point (what was deferred is lost,
// what was committed stays). Whatever happens, every group launches exactly once, no launch
// takes two budget tokens, no launch is sent before its budget slot, and the run finishes
// (the livelock of issue 7 would fail the last two: every wake-up took a new token and the
// second group never launched).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CloudError } from "../cloud/errors";
import { CloudFailure } from "../errors";
import type { PlannedGroup } from "../templates/resolve-plan";
import { launchCandidates } from "./launch-candidates";
import { launchGroups, reservationKey, type LaunchOpRequest } from "./launch-groups";
import { Crash, PARK_AFTER_MS, RUN, World, type Scenario, type Send, type Wake } from "./launch-groups.model-world";

const groupArb = (index: number) =>
  fc.record({
    count: fc.integer({ min: 1, max: 3 }),
    zones: fc.subarray(["us-east-1a", "us-east-1b", "us-east-1c"]),
    types: fc.subarray(["t3a.micro", "t3.small"]),
  }).map(
    ({ count, zones, types }): PlannedGroup => ({
      name: `g${index}`,
      image: { id: "ami-0123456789abcdef0" },
      instanceType: "t3.micro",
      count,
      tags: {},
      alternatives: { instanceTypes: types, zones },
    }),
  );

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .integer({ min: 1, max: 5 })
  .chain((groupCount) =>
    fc.record({
      groups: fc.tuple(...Array.from({ length: groupCount }, (_, i) => groupArb(i))),
      debt: fc.integer({ min: 0, max: 30 }),
      sends: fc.array(fc.constantFrom<Send>("ok", "ok", "ok", "capacity", "retryable-before", "retryable-after", "crash-after"), { minLength: 1, maxLength: 12 }),
      wakes: fc.array(fc.constantFrom<Wake>("early", "on-time", "late"), { minLength: 1, maxLength: 8 }),
      crashAt: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 6 }),
      otherTenants: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 5 }),
    }),
  );

const MAX_EXECUTIONS = 400;

async function simulate(scenario: Scenario) {
  const world = new World(scenario);
  let ids = 0;
  let executions = 0;
  let wakeIndex = 0;
  let outcome: { status: "done"; launched: Record<string, string[]> } | { status: "failed"; message: string } | null = null;
  while (!outcome && executions < MAX_EXECUTIONS) {
    executions += 1;
    try {
      const result = await launchGroups({
        runId: RUN,
        round: 0,
        groups: scenario.groups,
        images: Object.fromEntries(scenario.groups.map((g) => [g.name, "ami-0123456789abcdef0"])),
        ledger: world.ledger(),
        cloud: {
          reserve: async (key) => world.reserve(key),
          launch: async (request, options) => world.launch(request, options.prepaid),
        },
        buildRequest: (group, imageId, candidate): LaunchOpRequest => ({
          group: group.name,
          clientToken: `tok${++ids}`,
          imageId,
          instanceType: candidate.instanceType,
          count: group.count,
          ...(candidate.zone ? { availabilityZone: candidate.zone } : {}),
          tags: { "hangar:group": group.name },
        }),
        newId: () => `op${++ids}`,
        log: () => undefined,
        parkAfterMs: PARK_AFTER_MS,
        now: () => world.clock,
        sleep: async (ms) => {
          world.clock += ms;
        },
      });
      // Done: the settlement writes what was deferred. Wait: the park statement does, and the
      // step saves the ledger as it knows it, to resume from without a read.
      world.written();
      if (result.status === "done") {
        outcome = result;
        break;
      }
      world.parkedSnapshot = result.operations.map((op) => ({ ...op, request: { ...op.request }, instanceIds: op.instanceIds ? [...op.instanceIds] : null }));
      const wake = scenario.wakes[wakeIndex++ % scenario.wakes.length]!;
      world.clock += wake === "early" ? Math.floor(result.retryInMs / 3) : wake === "on-time" ? result.retryInMs : result.retryInMs + 7000;
      world.othersTake(scenario.otherTenants[wakeIndex % scenario.otherTenants.length]!);
    } catch (error) {
      if (error instanceof Crash) {
        world.deferred.length = 0; // lost with the process
        world.clock += 3000; // another worker takes over
      } else if (error instanceof CloudError && error.retryable) {
        world.written(); // handed back for the retry with what was pending
        world.clock += 2000;
      } else if (error instanceof CloudFailure) {
        world.written();
        outcome = { status: "failed", message: error.message };
      } else {
        throw error;
      }
    }
  }
  return { world, outcome, executions };
}

describe("launchGroups (model)", () => {
  it("launches every group exactly once within the budget, whatever happens in between", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const { world, outcome } = await simulate(scenario);
        expect(outcome, "the launch must finish (no livelock)").not.toBeNull();
        expect(world.violations).toEqual([]);
        // One token per launch attempt: every reserved key is an attempt, and none paid twice.
        expect(new Set(world.tokensTaken).size).toBe(world.tokensTaken.length);
        const attemptKeys = scenario.groups.flatMap((group) =>
          world.committed.filter((op) => op.group === group.name).map((_, attempt) => reservationKey(RUN, group.name, attempt)),
        );
        // A reservation is only ever made for the attempt about to be recorded; the last one may
        // be unspent when the run failed for lack of capacity.
        for (const key of world.tokensTaken) expect(attemptKeys.includes(key) || outcome?.status === "failed").toBe(true);
        // Every first send of an operation was prepaid by its reservation; resends are metered.
        expect(new Set(world.sentPrepaid).size).toBe(world.sentPrepaid.length);

        const launchedByGroup = new Map<string, string[]>();
        for (const [token, instances] of world.byToken) {
          const group = instances[0]!.tags["hangar:group"]!;
          expect(launchedByGroup.has(group), `group ${group} launched twice (second token ${token})`).toBe(false);
          launchedByGroup.set(group, instances.map((i) => i.id));
        }
        if (outcome?.status === "failed") {
          expect(outcome.message).toMatch(/^No capacity for group g\d/);
          return;
        }
        for (const group of scenario.groups) {
          const ids = launchedByGroup.get(group.name);
          expect(ids, `group ${group.name} launched`).toHaveLength(group.count);
          expect(outcome?.launched[group.name]).toEqual(ids);
          expect(world.committed.filter((op) => op.group === group.name && op.state === "succeeded")).toHaveLength(1);
          expect(world.committed.filter((op) => op.group === group.name).length).toBeLessThanOrEqual(launchCandidates(group).length);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("two groups behind a busy account's budget line launch after one park each, taking one token each", async () => {
    // Other tenants keep joining the line while the run is parked: a reservation thrown away
    // at a wake-up would put the second group behind them again, for ever.
    const groups = [0, 1].map((i): PlannedGroup => ({ name: `g${i}`, image: { id: "ami-0123456789abcdef0" }, instanceType: "t3.micro", count: 1, tags: {}, alternatives: { instanceTypes: [], zones: [] } }));
    const { world, outcome, executions } = await simulate({ groups, debt: 20, sends: [], wakes: ["on-time"], crashAt: [], otherTenants: [10] });
    expect(outcome?.status).toBe("done");
    expect(world.tokensTaken).toEqual([reservationKey(RUN, "g0", 0), reservationKey(RUN, "g1", 0)]);
    expect(executions).toBe(3);
  });
});
