// Log lines of an environment: the first page (streams resume after a cursor) or the tail (what
// an environment page shows first, so a settled environment's last lines are never missing).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestEnvironment } from "../lib/environments/request-environment";
import { getEnvironmentLogs } from "../lib/runs/get-run-logs";
import { createWorld, type World } from "./helpers/world";

let world: World;
beforeAll(async () => {
  world = await createWorld({ worker: false });
});
afterAll(async () => {
  await world?.close();
});

describe("getEnvironmentLogs", () => {
  it("pages from the start or from the end, oldest first either way", async () => {
    const { environmentId, runId } = await requestEnvironment(world.db, world.developer, { name: "logs-1", template: "web-dev", parameters: {} });
    await world.db.runLog.createMany({ data: ["one", "two", "three", "four", "five"].map((message) => ({ runId, level: "info", message })) });
    const messages = async (input: { limit: number; tail?: boolean; afterId?: bigint }) =>
      (await getEnvironmentLogs(world.db, world.developer, { environmentId, ...input })).map((line) => line.message);

    expect(await messages({ limit: 2 })).toEqual(["one", "two"]);
    expect(await messages({ limit: 2, tail: true })).toEqual(["four", "five"]);
    const [first] = await getEnvironmentLogs(world.db, world.developer, { environmentId, limit: 1 });
    expect(await messages({ limit: 10, afterId: BigInt(first!.id) })).toEqual(["two", "three", "four", "five"]);
  });
});
