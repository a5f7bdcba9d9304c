// Shared test plumbing: a real @aws-sdk/client-ec2 client pointed at an in-process sandbox.
import { DescribeImagesCommand, EC2Client } from "@aws-sdk/client-ec2";
import { expect } from "vitest";
import { startSandbox, type Sandbox, type SandboxOptions } from "../server";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** Transitions short enough for tests, long enough to observe `pending`. */
export const fastTimings = {
  pendingToRunning: { fixedMs: 150 },
  stoppingToStopped: { fixedMs: 150 },
  shuttingDownToTerminated: { fixedMs: 150 },
  runningToStatusOk: { fixedMs: 0 },
};

export function start(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  return startSandbox({ port: 0, timings: fastTimings, limits: "off", log: () => undefined, ...options });
}

export interface ClientOptions {
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  maxAttempts?: number;
}

export function ec2(sandbox: Sandbox, options: ClientOptions = {}): EC2Client {
  return new EC2Client({
    region: options.region ?? "us-east-1",
    endpoint: sandbox.url,
    credentials: {
      accessKeyId: options.accessKeyId ?? "AKIATESTACCOUNT1",
      secretAccessKey: options.secretAccessKey ?? "secret",
    },
    maxAttempts: options.maxAttempts ?? 1,
  });
}

export async function admin<T = unknown>(
  sandbox: Sandbox,
  path: string,
  init?: { method?: string; body?: unknown },
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
    method: init?.method ?? "GET",
    // The control API refuses unsafe methods without a JSON content type (admin-guard.ts).
    headers: init?.method === undefined || init.method === "GET" ? undefined : { "content-type": "application/json" },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

interface SdkError {
  name: string;
  message: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/** Asserts the promise fails with an EC2 error code and HTTP status; returns the error. */
export async function expectEc2Error(promise: Promise<unknown>, code: string, status: number): Promise<SdkError> {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as SdkError | undefined;
  expect(error, `expected ${code}`).toBeDefined();
  expect({ name: error?.name, status: error?.$metadata?.httpStatusCode }).toEqual({ name: code, status });
  return error as SdkError;
}

/** A clock that moves only when the test says, so transitions happen on cue however slow the machine is. */
export function manualClock(start = Date.now()): { now: () => number; advance: (ms: number) => void } {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Id of the newest Amazon Linux 2023 image for an architecture in the client's region. */
export async function al2023(client: EC2Client, arch: "x86_64" | "arm64" = "x86_64"): Promise<string> {
  const { Images = [] } = await client.send(
    new DescribeImagesCommand({
      Owners: ["amazon"],
      Filters: [{ Name: "name", Values: [`al2023-ami-2023.*-${arch}`] }],
    }),
  );
  const newest = [...Images].sort((a, b) => (b.CreationDate ?? "").localeCompare(a.CreationDate ?? ""))[0];
  if (newest?.ImageId === undefined) throw new Error("no AL2023 image");
  return newest.ImageId;
}
