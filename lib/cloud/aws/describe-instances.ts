// Describes many instances in few calls. Ids go in an `instance-id` filter rather than
// InstanceIds: the filter never fails on ids EC2 does not know (yet), so a freshly launched
// instance that is not visible yet is just absent instead of failing the whole page.
import { DescribeInstancesCommand, type EC2Client, type Filter } from "@aws-sdk/client-ec2";
import { INSTANCE_STATES, type CloudInstance, type DescribeQuery } from "../provider";
import type { Call } from "./call";
import { chunk, toCloudInstance } from "./to-cloud-instance";

// EC2 accepts up to 200 values in one filter.
const IDS_PER_REQUEST = 200;
const PAGE_SIZE = 1000;

export function describeFilters(query: DescribeQuery): Filter[][] {
  if ("ids" in query) {
    const states = query.exceptStates?.length ? INSTANCE_STATES.filter((state) => !query.exceptStates!.includes(state)) : null;
    return chunk([...new Set(query.ids)], IDS_PER_REQUEST).map((ids) => [
      { Name: "instance-id", Values: ids },
      ...(states ? [{ Name: "instance-state-name", Values: [...states] }] : []),
    ]);
  }
  const filters: Filter[] = Object.entries(query.tags).map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] }));
  if (query.states?.length) filters.push({ Name: "instance-state-name", Values: query.states });
  return [filters];
}

export async function describeInstances(client: EC2Client, call: Call, query: DescribeQuery): Promise<CloudInstance[]> {
  const instances: CloudInstance[] = [];
  for (const filters of describeFilters(query)) {
    let nextToken: string | undefined;
    do {
      const input = { Filters: filters, MaxResults: PAGE_SIZE, NextToken: nextToken };
      const page = await call("DescribeInstances", () => client.send(new DescribeInstancesCommand(input)));
      for (const reservation of page.Reservations ?? []) instances.push(...(reservation.Instances ?? []).map(toCloudInstance));
      nextToken = page.NextToken || undefined;
    } while (nextToken);
  }
  return instances;
}
