import {
  DescribeInstancesCommand,
  DescribeInstanceStatusCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { admin, al2023, ec2, expectEc2Error, manualClock, start } from "./helpers";

let sandbox: Sandbox;
let client: EC2Client;
let image: string;
const { now, advance } = manualClock();

beforeAll(async () => {
  sandbox = await start({ clock: now });
  client = ec2(sandbox);
  image = await al2023(client);
});
afterAll(() => sandbox.close());

async function describeOne(id: string) {
  const out = await client.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  const instance = out.Reservations?.[0]?.Instances?.[0];
  if (instance === undefined) throw new Error(`${id} not described`);
  return instance;
}

describe("instance lifecycle", () => {
  it("runs, becomes running with addresses, and terminates", async () => {
    const run = await client.send(
      new RunInstancesCommand({ ImageId: image, InstanceType: "t3.micro", MinCount: 2, MaxCount: 2 }),
    );
    expect(run.ReservationId).toMatch(/^r-0[0-9a-f]{16}$/);
    expect(run.OwnerId).toMatch(/^\d{12}$/);
    expect(run.Instances).toHaveLength(2);
    const [first] = run.Instances ?? [];
    expect(first?.InstanceId).toMatch(/^i-0[0-9a-f]{16}$/);
    expect(first?.State).toEqual({ Code: 0, Name: "pending" });
    // From the default subnet of its zone (172.31.0.0/16, the default VPC).
    expect(first?.PrivateIpAddress).toMatch(/^172\.31\.\d+\.\d+$/);
    expect(first?.PublicIpAddress).toBeUndefined();
    expect(first?.Placement?.AvailabilityZone).toMatch(/^us-east-1[a-f]$/);
    expect(first?.LaunchTime).toBeInstanceOf(Date);
    const ips = new Set(run.Instances?.map((i) => i.PrivateIpAddress));
    expect(ips.size).toBe(2);

    const id = first?.InstanceId ?? "";
    advance(250);
    const running = await describeOne(id);
    expect(running.State).toEqual({ Code: 16, Name: "running" });
    expect(running.PublicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(running.PublicDnsName).toBe(`ec2-${running.PublicIpAddress?.replaceAll(".", "-")}.compute-1.amazonaws.com`);
    expect(running.PrivateDnsName).toBe(`ip-${running.PrivateIpAddress?.replaceAll(".", "-")}.ec2.internal`);

    const term = await client.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(term.TerminatingInstances?.[0]).toMatchObject({
      InstanceId: id,
      PreviousState: { Code: 16, Name: "running" },
      CurrentState: { Code: 32, Name: "shutting-down" },
    });
    advance(250);
    const gone = await describeOne(id);
    expect(gone.State).toEqual({ Code: 48, Name: "terminated" });
    expect(gone.PublicIpAddress).toBeUndefined();
    expect(gone.StateTransitionReason).toMatch(/^User initiated \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\)$/);
    expect(gone.StateReason?.Code).toBe("Client.UserInitiatedShutdown");

    // Terminating again is a no-op that reports the current state.
    const again = await client.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(again.TerminatingInstances?.[0]?.CurrentState?.Name).toBe("terminated");
  });

  it("stops and starts, with a new public address after start", async () => {
    const run = await client.send(
      new RunInstancesCommand({ ImageId: image, InstanceType: "t3.small", MinCount: 1, MaxCount: 1 }),
    );
    const id = run.Instances?.[0]?.InstanceId ?? "";
    await expectEc2Error(client.send(new StopInstancesCommand({ InstanceIds: [id] })), "IncorrectInstanceState", 400);
    advance(200);
    const before = await describeOne(id);
    const stop = await client.send(new StopInstancesCommand({ InstanceIds: [id] }));
    expect(stop.StoppingInstances?.[0]?.CurrentState?.Name).toBe("stopping");
    await expectEc2Error(client.send(new StartInstancesCommand({ InstanceIds: [id] })), "IncorrectInstanceState", 400);
    advance(200);
    const stopped = await describeOne(id);
    expect(stopped.State?.Name).toBe("stopped");
    expect(stopped.PublicIpAddress).toBeUndefined();
    expect(stopped.PrivateIpAddress).toBe(before.PrivateIpAddress);

    const startOut = await client.send(new StartInstancesCommand({ InstanceIds: [id] }));
    expect(startOut.StartingInstances?.[0]).toMatchObject({
      PreviousState: { Name: "stopped" },
      CurrentState: { Name: "pending" },
    });
    advance(200);
    const restarted = await describeOne(id);
    expect(restarted.State?.Name).toBe("running");
    expect(restarted.PublicIpAddress).toBeDefined();

    const view = await admin<{ instances: { instanceId: string; transitions: { state: string }[] }[] }>(
      sandbox,
      "instances",
    );
    const mine = view.body.instances.find((i) => i.instanceId === id);
    expect(mine?.transitions.map((t) => t.state)).toEqual([
      "pending",
      "running",
      "stopping",
      "stopped",
      "pending",
      "running",
    ]);
  });

  it("reports status checks and honours IncludeAllInstances", async () => {
    const run = await client.send(
      new RunInstancesCommand({ ImageId: image, InstanceType: "t3.micro", MinCount: 1, MaxCount: 1 }),
    );
    const id = run.Instances?.[0]?.InstanceId ?? "";
    const pending = await client.send(new DescribeInstanceStatusCommand({ InstanceIds: [id] }));
    expect(pending.InstanceStatuses).toEqual([]);
    const all = await client.send(new DescribeInstanceStatusCommand({ InstanceIds: [id], IncludeAllInstances: true }));
    expect(all.InstanceStatuses?.[0]?.InstanceState?.Name).toBe("pending");
    expect(all.InstanceStatuses?.[0]?.InstanceStatus?.Status).toBe("not-applicable");
    advance(200);
    const ok = await client.send(new DescribeInstanceStatusCommand({ InstanceIds: [id] }));
    expect(ok.InstanceStatuses?.[0]).toMatchObject({
      InstanceId: id,
      InstanceState: { Code: 16, Name: "running" },
      InstanceStatus: { Status: "ok", Details: [{ Name: "reachability", Status: "passed" }] },
      SystemStatus: { Status: "ok" },
    });
  });

  it("hides terminated instances once retention passed", async () => {
    await admin(sandbox, "config", { method: "PUT", body: { retention: { terminatedVisibleMs: 100 } } });
    const run = await client.send(
      new RunInstancesCommand({ ImageId: image, MinCount: 1, MaxCount: 1, InstanceType: "t3.nano" }),
    );
    const id = run.Instances?.[0]?.InstanceId ?? "";
    await client.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    advance(400);
    await expectEc2Error(
      client.send(new DescribeInstancesCommand({ InstanceIds: [id] })),
      "InvalidInstanceID.NotFound",
      400,
    );
    await admin(sandbox, "config", { method: "PUT", body: { retention: { terminatedVisibleMs: 3600_000 } } });
  });
});
