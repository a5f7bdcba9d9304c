// "Test connection" on the cloud account page: one cheap read, answered in words a person can
// act on. Never throws: a failure is a result to show, not an exception to log.
import { DescribeAvailabilityZonesCommand, type EC2Client } from "@aws-sdk/client-ec2";
import { isCloudError, type CloudError } from "../errors";
import type { ConnectionTestResult } from "../provider";
import type { Call } from "./call";

export interface ConnectionTarget {
  kind: "aws" | "sandbox";
  region: string;
  endpoint?: string;
}

function providerMessage(error: CloudError): string {
  const cause = error.cause as { message?: unknown } | undefined;
  return typeof cause?.message === "string" && cause.message ? cause.message : error.message;
}

export function describeFailure(error: unknown, target: ConnectionTarget): string {
  if (!isCloudError(error)) return `Unexpected error: ${String(error)}`;
  const cloud = target.kind === "aws" ? "AWS" : "The sandbox";
  const where = target.endpoint ?? `EC2 in ${target.region}`;
  const detail = `(${error.code}): ${providerMessage(error)}`;
  switch (error.kind) {
    case "auth":
      if (error.code === "CredentialsProviderError") return `No credentials found for this account ${detail}`;
      if (error.code === "UnauthorizedOperation")
        return `${cloud} accepted the credentials but denied ec2:DescribeAvailabilityZones ${detail}`;
      return `${cloud} rejected the credentials ${detail}`;
    case "network":
      return `Could not reach ${where} ${detail}`;
    case "throttled":
      return `${cloud} is throttling this account's requests; try again shortly ${detail}`;
    case "server":
      return `${cloud} had a server error; try again shortly ${detail}`;
    default:
      return `${cloud} refused the request ${detail}`;
  }
}

export async function testConnection(client: EC2Client, call: Call, target: ConnectionTarget): Promise<ConnectionTestResult> {
  const startedAt = performance.now();
  try {
    // One attempt of our layer: the person is waiting; the SDK's own quick retries still apply.
    const output = await call("DescribeAvailabilityZones", () => client.send(new DescribeAvailabilityZonesCommand({})), {
      retry: { maxAttempts: 1 },
    });
    const zones = output.AvailabilityZones?.length ?? 0;
    return {
      ok: true,
      message: `Connected to EC2 in ${target.region}: ${zones} availability zone(s) visible`,
      latencyMs: Math.round(performance.now() - startedAt),
    };
  } catch (error) {
    return { ok: false, message: describeFailure(error, target), latencyMs: Math.round(performance.now() - startedAt) };
  }
}
