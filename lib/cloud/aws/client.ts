// Builds the one EC2Client a provider uses. The SDK's standard retry mode handles short blips
// (3 attempts); our retry layer (../retry.ts) sits above it. The rate limiter is installed as a
// middleware right after the SDK's retry middleware, so every HTTP attempt - SDK retries
// included - takes a token: retries then never push an account over EC2's request buckets.
import { AsyncLocalStorage } from "node:async_hooks";
import { EC2Client, type ServiceInputTypes, type ServiceOutputTypes } from "@aws-sdk/client-ec2";
// Type-only (erased at build): @smithy/types comes with @aws-sdk/client-ec2.
import type { FinalizeRequestMiddleware } from "@smithy/types";
import type { RequestRateLimiter } from "../rate-limit/limits";
import { skipSdkRetryOnCapacityErrors } from "./sdk-retry";

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Ec2ClientOptions {
  kind: "aws" | "sandbox";
  /** Hangar CloudAccount id: scopes rate limits (EC2 buckets are per account and region). */
  accountId: string;
  region: string;
  /** EC2-compatible endpoint (the sandbox); undefined = AWS's regional endpoint. */
  endpoint?: string;
  /** undefined: the SDK's default credential chain (env, profile, SSO, instance role...). */
  credentials?: AwsCredentials;
  rateLimiter: RequestRateLimiter;
  requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
// A TCP connect to EC2 takes milliseconds; seconds mean the endpoint is unreachable.
export const DEFAULT_CONNECTION_TIMEOUT_MS = 3_000;
const SDK_MAX_ATTEMPTS = 3;
const MAX_SOCKETS = 50;

// The sandbox accepts any key unless configured otherwise; without these, the default chain
// would probe the instance metadata service and stall on a laptop.
const SANDBOX_CREDENTIALS: AwsCredentials = { accessKeyId: "hangar-sandbox", secretAccessKey: "hangar-sandbox" };

/** Set around a call whose first request was already reserved (see CloudProvider.reserveRequest). */
export const prepaidRequest = new AsyncLocalStorage<{ action: string; spent: boolean }>();

/** "RunInstancesCommand" -> "RunInstances". */
export function actionOfCommand(commandName: string): string {
  return commandName.endsWith("Command") ? commandName.slice(0, -"Command".length) : commandName;
}

export function createEc2Client(options: Ec2ClientOptions): EC2Client {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // Keep-alive sockets: a poller describing every few seconds should not pay a TLS handshake each time.
  const agent = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets: MAX_SOCKETS };
  const client = new EC2Client({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials ?? (options.kind === "sandbox" ? SANDBOX_CREDENTIALS : undefined),
    retryMode: "standard",
    maxAttempts: SDK_MAX_ATTEMPTS,
    // Constructor options rather than `new NodeHttpHandler(...)`: the SDK builds its own
    // NodeHttpHandler from them, so lib/ needs no undeclared @smithy/* import.
    requestHandler: {
      connectionTimeout: DEFAULT_CONNECTION_TIMEOUT_MS,
      requestTimeout,
      throwOnRequestTimeout: true,
      httpAgent: agent,
      httpsAgent: agent,
    },
  });

  skipSdkRetryOnCapacityErrors(client);

  const rateLimit: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> = (next, context) => async (args) => {
    const action = actionOfCommand(context.commandName ?? "Unknown");
    const prepaid = prepaidRequest.getStore();
    // The first attempt of a call made with a reservation spends it; SDK retries take tokens.
    if (prepaid && !prepaid.spent && prepaid.action === action) prepaid.spent = true;
    else await options.rateLimiter.acquire({ accountId: options.accountId, region: options.region, action });
    return next(args);
  };
  client.middlewareStack.addRelativeTo(rateLimit, {
    name: "hangarRateLimit",
    relation: "after",
    toMiddleware: "retryMiddleware",
    override: true,
  });
  return client;
}
