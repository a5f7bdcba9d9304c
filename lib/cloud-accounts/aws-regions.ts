// The EC2 regions an account may list. A list rather than a pattern: "us-east-9" has the shape
// of a region code, and an account listing it would fail only at launch time. EC2-compatible
// endpoints (the sandbox, LocalStack) use the same names. Add new AWS regions here.
// Plain data, no server imports: the cloud-account form uses it to offer default regions.
export const AWS_REGIONS: readonly string[] = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  "af-south-1",
  "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
  "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
  "ca-central-1", "ca-west-1",
  "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1",
  "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1",
  "us-gov-east-1", "us-gov-west-1",
  "cn-north-1", "cn-northwest-1",
];

const KNOWN = new Set(AWS_REGIONS);

export function isAwsRegion(region: string): boolean {
  return KNOWN.has(region);
}

/** The message for a region that is not one, naming it (shortened: it is echoed back). */
export function notARegion(region: string): string {
  const shown = region.length > 40 ? `${region.slice(0, 40)}…` : region;
  return `'${shown}' is not an AWS region (like us-east-1)`;
}
