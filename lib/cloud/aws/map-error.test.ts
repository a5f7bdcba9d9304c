import { EC2ServiceException } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { CloudError } from "../errors";
import { instanceIdsInMessage, mapAwsError } from "./map-error";

/** An error shaped exactly like the ones the SDK throws for an EC2 error response. */
function ec2Error(code: string, status: number, message = "provider says no") {
  return new EC2ServiceException({
    name: code,
    $fault: status >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: status },
    message,
  });
}

function socketError(code: string) {
  return Object.assign(new Error(`socket ${code}`), { code, $metadata: {} });
}

describe("mapAwsError", () => {
  it.each([
    [ec2Error("RequestLimitExceeded", 503), "throttled"],
    [ec2Error("Throttling", 400), "throttled"],
    [ec2Error("SomethingNew", 429), "throttled"],
    [ec2Error("InsufficientInstanceCapacity", 500), "capacity"],
    [ec2Error("InsufficientHostCapacity", 500), "capacity"],
    [ec2Error("InsufficientReservedInstanceCapacity", 500), "capacity"],
    [ec2Error("InsufficientAddressCapacity", 500), "capacity"],
    [ec2Error("InternalError", 500), "server"],
    [ec2Error("Unavailable", 503), "server"],
    [ec2Error("ServiceUnavailable", 503), "server"],
    [ec2Error("SomethingBroke", 502), "server"],
    [ec2Error("InvalidInstanceID.NotFound", 400), "not_found"],
    [ec2Error("InvalidAMIID.NotFound", 400), "not_found"],
    [ec2Error("AuthFailure", 401), "auth"],
    [ec2Error("UnauthorizedOperation", 403), "auth"],
    [ec2Error("InvalidClientTokenId", 403), "auth"],
    [ec2Error("SignatureDoesNotMatch", 403), "auth"],
    [ec2Error("OptInRequired", 401), "auth"],
    [ec2Error("IdempotentParameterMismatch", 400), "idempotency_mismatch"],
    [ec2Error("InvalidParameterValue", 400), "validation"],
    [ec2Error("InvalidInstanceID.Malformed", 400), "validation"],
    [ec2Error("MissingParameter", 400), "validation"],
    [socketError("ECONNRESET"), "network"],
    [socketError("ECONNREFUSED"), "network"],
    [Object.assign(new Error("timed out"), { name: "TimeoutError" }), "network"],
    [new Error("socket hang up"), "network"],
    [new TypeError("Cannot read properties of undefined"), "validation"],
    [Object.assign(new TypeError("Invalid URL"), { code: "ERR_INVALID_URL" }), "validation"],
    [Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }), "auth"],
  ] as const)("%s -> %s", (error, kind) => {
    expect(mapAwsError(error, "DescribeInstances").kind).toBe(kind);
  });

  it("treats Unsupported on RunInstances as capacity (type not offered in that zone), elsewhere as validation", () => {
    expect(mapAwsError(ec2Error("Unsupported", 400), "RunInstances").kind).toBe("capacity");
    expect(mapAwsError(ec2Error("Unsupported", 400), "StopInstances").kind).toBe("validation");
  });

  it("classifies by code, not by message text", () => {
    expect(mapAwsError(ec2Error("InvalidParameterValue", 400, "Request limit exceeded, capacity, internal error"), "X").kind).toBe(
      "validation",
    );
  });

  it("keeps code, action, status and the provider's message", () => {
    const cause = ec2Error("InvalidParameterValue", 400, "Invalid value 'x1.tiny' for InstanceType.");
    const error = mapAwsError(cause, "RunInstances");
    expect(error).toBeInstanceOf(CloudError);
    expect(error).toMatchObject({ code: "InvalidParameterValue", action: "RunInstances", httpStatus: 400, retryable: false });
    expect(error.message).toContain("InvalidParameterValue");
    expect(error.message).toContain("Invalid value 'x1.tiny'");
    expect(error.cause).toBe(cause);
  });

  it("explains an idempotency mismatch", () => {
    expect(mapAwsError(ec2Error("IdempotentParameterMismatch", 400), "RunInstances").message).toMatch(/ClientToken was already used/);
  });

  it("passes CloudErrors through unchanged", () => {
    const error = new CloudError({ kind: "server", code: "X", action: "Y", message: "z" });
    expect(mapAwsError(error, "Other")).toBe(error);
  });
});

describe("instanceIdsInMessage", () => {
  it("reads one or many ids from a NotFound message", () => {
    expect(instanceIdsInMessage("The instance ID 'i-0123456789abcdef0' does not exist")).toEqual(["i-0123456789abcdef0"]);
    expect(instanceIdsInMessage("The instance IDs 'i-0123456789abcdef0, i-1234abcd' do not exist")).toEqual([
      "i-0123456789abcdef0",
      "i-1234abcd",
    ]);
    expect(instanceIdsInMessage("nothing here")).toEqual([]);
  });
});
