// EC2 error codes with the HTTP status EC2 puts on the wire. Client errors are 400 unless EC2
// is known to use something else; the SDK's retry logic keys off both code and status, so the
// status matters as much as the code.

const statusByCode: Record<string, number> = {
  AuthFailure: 401,
  UnauthorizedOperation: 403,
  OptInRequired: 401,
  Blocked: 403,
  DryRunOperation: 412,
  RequestLimitExceeded: 503,
  // Server-side errors (EC2's "server error codes" table).
  InternalError: 500,
  InsufficientInstanceCapacity: 500, // observed on the wire as 500, retried by SDKs
  InsufficientAddressCapacity: 500,
  InsufficientHostCapacity: 500,
  InsufficientReservedInstanceCapacity: 500,
  InternalFailure: 500,
  ServiceUnavailable: 503,
  Unavailable: 503,
};

export function statusForCode(code: string): number {
  return statusByCode[code] ?? 400;
}

export class Ec2Error extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    message: string,
    status?: number,
  ) {
    super(message);
    this.name = code;
    this.status = status ?? statusForCode(code);
  }
}

export const errors = {
  authFailure: (message = "AWS was not able to validate the provided access credentials") =>
    new Ec2Error("AuthFailure", message),
  unauthorized: () => new Ec2Error("UnauthorizedOperation", "You are not authorized to perform this operation."),
  dryRun: () => new Ec2Error("DryRunOperation", "Request would have succeeded, but DryRun flag is set."),
  throttled: () => new Ec2Error("RequestLimitExceeded", "Request limit exceeded."),
  internal: () => new Ec2Error("InternalError", "An internal error has occurred"),
  invalidAction: (action: string) =>
    new Ec2Error("InvalidAction", `The action ${action} is not valid for this web service.`),
  missing: (param: string) => new Ec2Error("MissingParameter", `The request must contain the parameter ${param}`),
  invalidValue: (message: string) => new Ec2Error("InvalidParameterValue", message),
  badValue: (param: string, value: string) =>
    new Ec2Error("InvalidParameterValue", `Invalid value '${value}' for ${param}.`),
  combination: (message: string) => new Ec2Error("InvalidParameterCombination", message),
  unknownFilter: (name: string) => new Ec2Error("InvalidParameterValue", `The filter '${name}' is invalid`),
  maxResults: (value: number, min: number, max: number) =>
    new Ec2Error(
      "InvalidParameterValue",
      value < min
        ? `Value ( ${value} ) for parameter maxResults is invalid. Expecting a value greater than ${min}.`
        : `Value ( ${value} ) for parameter maxResults is invalid. Expecting a value less than ${max}.`,
    ),
  badNextToken: () =>
    new Ec2Error("InvalidPaginationToken", "The specified pagination token is not valid or is expired."),
  instanceMalformed: (id: string) => new Ec2Error("InvalidInstanceID.Malformed", `Invalid id: "${id}"`),
  instancesNotFound: (ids: string[]) =>
    new Ec2Error(
      "InvalidInstanceID.NotFound",
      ids.length === 1
        ? `The instance ID '${ids[0]}' does not exist`
        : `The instance IDs '${ids.join(", ")}' do not exist`,
    ),
  amiMalformed: (id: string) => new Ec2Error("InvalidAMIID.Malformed", `Invalid id: "${id}" (expecting "ami-...")`),
  amiNotFound: (ids: string[]) =>
    new Ec2Error("InvalidAMIID.NotFound", `The image id '[${ids.join(", ")}]' does not exist`),
  incorrectState: (id: string, verb: "started" | "stopped") =>
    new Ec2Error("IncorrectInstanceState", `The instance '${id}' is not in a state from which it can be ${verb}.`),
  idempotentMismatch: () =>
    new Ec2Error(
      "IdempotentParameterMismatch",
      "Arguments on this idempotent request are inconsistent with arguments used in previous request(s).",
    ),
  allocationNotFound: (ids: string[]) =>
    new Ec2Error(
      "InvalidAllocationID.NotFound",
      ids.length === 1 ? `The allocation ID '${ids[0]}' does not exist` : `The allocation IDs '${ids.join(", ")}' do not exist`,
    ),
  associationNotFound: (id: string) =>
    new Ec2Error("InvalidAssociationID.NotFound", `The association ID '${id}' does not exist`),
  addressNotFound: (ips: string[]) => new Ec2Error("InvalidAddress.NotFound", `Address '${ips.join(", ")}' not found.`),
  badZone: (zone: string) => new Ec2Error("InvalidParameterValue", `Invalid availability zone: [${zone}]`),
  capacity: (type: string, zone: string, others: string[]) =>
    new Ec2Error(
      "InsufficientInstanceCapacity",
      `We currently do not have sufficient ${type} capacity in the Availability Zone you requested (${zone}). ` +
        "Our system will be working on provisioning additional capacity. " +
        (others.length > 0
          ? `You can currently get ${type} capacity by not specifying an Availability Zone in your request or choosing ${others.join(", ")}.`
          : "You can currently get capacity by trying again later."),
    ),
};
