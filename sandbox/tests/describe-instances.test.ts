import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeInstancesCommand,
  paginateDescribeInstances,
  RunInstancesCommand,
  TerminateInstancesCommand,
  type _InstanceType,
  type EC2Client,
  type Filter,
  type Instance,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "../server";
import { al2023, ec2, expectEc2Error, start } from "./helpers";

let sandbox: Sandbox;
let client: EC2Client;
let image: string;

const now = Date.now();

beforeAll(async () => {
  // Frozen clock: instances stay where the test put them (pending, shutting-down).
  sandbox = await start({ clock: () => now });
  client = ec2(sandbox);
  image = await al2023(client);
});
afterAll(() => sandbox.close());

async function launch(count: number, env: string, extra: { zone?: string; type?: string } = {}): Promise<Instance[]> {
  const out = await client.send(
    new RunInstancesCommand({
      ImageId: image,
      InstanceType: (extra.type ?? "t3.micro") as _InstanceType,
      MinCount: count,
      MaxCount: count,
      Placement: extra.zone === undefined ? undefined : { AvailabilityZone: extra.zone },
      TagSpecifications: [
        {
          ResourceType: "instance",
          Tags: [
            { Key: "env", Value: env },
            { Key: "Name", Value: `web <${env}> & co` },
          ],
        },
        { ResourceType: "volume", Tags: [{ Key: "env", Value: env }] },
      ],
    }),
  );
  return out.Instances ?? [];
}

async function ids(filters: Filter[]): Promise<string[]> {
  const out = await client.send(new DescribeInstancesCommand({ Filters: filters }));
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId ?? "");
}

describe("DescribeInstances", () => {
  it("applies tags atomically at launch (escaped correctly)", async () => {
    const [instance] = await launch(1, "tags");
    expect(instance?.Tags).toEqual(
      expect.arrayContaining([
        { Key: "env", Value: "tags" },
        { Key: "Name", Value: "web <tags> & co" },
      ]),
    );
  });

  it("filters by tags, state, zone, type, reservation and client token", async () => {
    const a = await launch(3, "filters-a", { zone: "us-east-1b", type: "t3.small" });
    const b = await launch(2, "filters-b", { zone: "us-east-1c" });
    const aIds = a.map((i) => i.InstanceId ?? "");
    const bIds = b.map((i) => i.InstanceId ?? "");
    expect(await ids([{ Name: "tag:env", Values: ["filters-a"] }])).toEqual(aIds);
    expect((await ids([{ Name: "tag:env", Values: ["filters-a", "filters-b"] }])).sort()).toEqual(
      [...aIds, ...bIds].sort(),
    );
    expect((await ids([{ Name: "tag:env", Values: ["filters-*"] }])).sort()).toEqual([...aIds, ...bIds].sort());
    expect(
      await ids([
        { Name: "tag:env", Values: ["filters-*"] },
        { Name: "availability-zone", Values: ["us-east-1c"] },
      ]),
    ).toEqual(bIds);
    expect(
      await ids([
        { Name: "tag:env", Values: ["filters-*"] },
        { Name: "instance-type", Values: ["t3.small"] },
      ]),
    ).toEqual(aIds);
    expect(await ids([{ Name: "reservation-id", Values: ["r-00000000000000000"] }])).toEqual([]);
    const reservation = (await client.send(new DescribeInstancesCommand({ InstanceIds: bIds }))).Reservations?.[0];
    expect(reservation?.Instances?.map((i) => i.InstanceId)).toEqual(bIds);
    expect(await ids([{ Name: "reservation-id", Values: [reservation?.ReservationId ?? ""] }])).toEqual(bIds);
    expect(await ids([{ Name: "client-token", Values: [b[0]?.ClientToken ?? ""] }])).toEqual(bIds);
    expect(
      await ids([
        { Name: "tag-key", Values: ["env"] },
        { Name: "instance-id", Values: [aIds[1] ?? ""] },
      ]),
    ).toEqual([aIds[1]]);
    // Unknown ids in an instance-id *filter* are not an error, unlike InstanceId.N.
    expect(await ids([{ Name: "instance-id", Values: ["i-0aaaaaaaaaaaaaaaa"] }])).toEqual([]);

    await client.send(new TerminateInstancesCommand({ InstanceIds: bIds }));
    expect(
      await ids([
        { Name: "tag:env", Values: ["filters-b"] },
        { Name: "instance-state-name", Values: ["running", "pending"] },
      ]),
    ).toEqual([]);
    expect(
      await ids([
        { Name: "tag:env", Values: ["filters-b"] },
        { Name: "instance-state-name", Values: ["shutting-down"] },
      ]),
    ).toEqual(bIds);
  });

  it("rejects unknown filter names", async () => {
    await expectEc2Error(
      client.send(new DescribeInstancesCommand({ Filters: [{ Name: "colour", Values: ["x"] }] })),
      "InvalidParameterValue",
      400,
    );
  });

  it("paginates by instances with exactly MaxResults per page", async () => {
    const launched = [...(await launch(7, "pages")), ...(await launch(5, "pages")), ...(await launch(1, "pages"))];
    const filter = [{ Name: "tag:env", Values: ["pages"] }];
    const first = await client.send(new DescribeInstancesCommand({ Filters: filter, MaxResults: 5 }));
    const firstPage = (first.Reservations ?? []).flatMap((r) => r.Instances ?? []);
    expect(firstPage).toHaveLength(5);
    expect(first.NextToken).toBeDefined();

    const seen: string[] = [];
    const pageSizes: number[] = [];
    for await (const page of paginateDescribeInstances({ client, pageSize: 5 }, { Filters: filter })) {
      const instances = (page.Reservations ?? []).flatMap((r) => r.Instances ?? []);
      pageSizes.push(instances.length);
      seen.push(...instances.map((i) => i.InstanceId ?? ""));
    }
    expect(pageSizes).toEqual([5, 5, 3]);
    expect(seen).toEqual(launched.map((i) => i.InstanceId));
    // The second page holds the tail of the first reservation and the head of the second one.
    const second = await client.send(
      new DescribeInstancesCommand({ Filters: filter, MaxResults: 5, NextToken: first.NextToken }),
    );
    expect(second.Reservations?.map((r) => r.Instances?.length)).toEqual([2, 3]);
  });

  it("creates and deletes tags", async () => {
    const [instance] = await launch(1, "retag");
    const id = instance?.InstanceId ?? "";
    await client.send(
      new CreateTagsCommand({
        Resources: [id],
        Tags: [
          { Key: "owner", Value: "ana" },
          { Key: "env", Value: "retagged" },
        ],
      }),
    );
    expect(
      await ids([
        { Name: "tag:owner", Values: ["ana"] },
        { Name: "tag:env", Values: ["retagged"] },
      ]),
    ).toEqual([id]);
    await client.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: "owner", Value: "someone-else" }] }));
    expect(await ids([{ Name: "tag:owner", Values: ["ana"] }])).toEqual([id]);
    await client.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: "owner" }] }));
    expect(await ids([{ Name: "tag-key", Values: ["owner"] }])).toEqual([]);
    await expectEc2Error(
      client.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: "aws:x", Value: "1" }] })),
      "InvalidParameterValue",
      400,
    );
    await expectEc2Error(
      client.send(new CreateTagsCommand({ Resources: ["i-0bbbbbbbbbbbbbbbb"], Tags: [{ Key: "a", Value: "1" }] })),
      "InvalidInstanceID.NotFound",
      400,
    );
    const many = Array.from({ length: 50 }, (_, n) => ({ Key: `k${n}`, Value: "v" }));
    await expectEc2Error(client.send(new CreateTagsCommand({ Resources: [id], Tags: many })), "TagLimitExceeded", 400);
  });
});
