// terminateInstances' NotFound handling with a scripted client; the same behaviour runs
// against the sandbox in the contract tests.
import { EC2ServiceException, type EC2Client, type TerminateInstancesCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import type { Call } from "./call";
import { terminateInstances } from "./instance-state";
import { mapAwsError } from "./map-error";

const call: Call = async (action, send) => {
  try {
    return await send();
  } catch (error) {
    throw mapAwsError(error, action);
  }
};

function notFound(ids: string[]) {
  const message = ids.length === 1 ? `The instance ID '${ids[0]}' does not exist` : `The instance IDs '${ids.join(", ")}' do not exist`;
  return new EC2ServiceException({ name: "InvalidInstanceID.NotFound", $fault: "client", $metadata: { httpStatusCode: 400 }, message });
}

/** A client that knows `known` ids and answers like EC2: the whole call fails on any unknown id. */
function scriptedClient(known: Set<string>, opts: { vagueMessages?: boolean } = {}) {
  const calls: string[][] = [];
  const client = {
    send: async (command: TerminateInstancesCommand) => {
      const ids = command.input.InstanceIds ?? [];
      calls.push(ids);
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length > 0) throw opts.vagueMessages ? notFound([]) : notFound(missing);
      return {
        TerminatingInstances: ids.map((id) => ({
          InstanceId: id,
          PreviousState: { Name: "running" },
          CurrentState: { Name: "shutting-down" },
        })),
        $metadata: {},
      };
    },
  };
  return { client: client as unknown as EC2Client, calls };
}

const A = "i-0aaaaaaaaaaaaaaaa";
const B = "i-0bbbbbbbbbbbbbbbb";
const GONE1 = "i-0111111111111111a";
const GONE2 = "i-0222222222222222b";

describe("terminateInstances", () => {
  it("reports ids EC2 does not know as terminated and terminates the rest in a second call", async () => {
    const { client, calls } = scriptedClient(new Set([A, B]));
    const changes = await terminateInstances(client, call, [A, GONE1, B, GONE2]);
    expect(calls).toEqual([
      [A, GONE1, B, GONE2],
      [A, B],
    ]);
    expect(changes.get(A)).toEqual({ id: A, previousState: "running", currentState: "shutting-down" });
    expect(changes.get(GONE1)).toEqual({ id: GONE1, currentState: "terminated" });
    expect(changes.get(GONE2)).toEqual({ id: GONE2, currentState: "terminated" });
  });

  it("settles ids one by one when the message names none of them", async () => {
    const { client, calls } = scriptedClient(new Set([A]), { vagueMessages: true });
    const changes = await terminateInstances(client, call, [A, GONE1]);
    expect(calls).toEqual([[A, GONE1], [A], [GONE1]]);
    expect(changes.get(A)?.currentState).toBe("shutting-down");
    expect(changes.get(GONE1)?.currentState).toBe("terminated");
  });

  it("sends at most 1000 ids per call", async () => {
    const ids = Array.from({ length: 2500 }, (_, i) => `i-${i.toString(16).padStart(17, "0")}`);
    const { client, calls } = scriptedClient(new Set(ids));
    const changes = await terminateInstances(client, call, ids);
    expect(calls.map((c) => c.length)).toEqual([1000, 1000, 500]);
    expect(changes.size).toBe(2500);
  });
});
