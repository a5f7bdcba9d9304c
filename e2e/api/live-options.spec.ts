// The options route over HTTP (session, query schema, answers the form reads) and the request's
// check against the same options: a subnet of another VPC is a 400 at parameters.subnet with a
// sentence, and nothing is created.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEVELOPER_EMAIL, environmentCount, expectError, signedInContext, uniqueName } from "../support/api";

type Options = { options: { value: string; label: string; detail?: string }[]; cachedAt: string };
let developer: APIRequestContext;

test.beforeAll(async () => {
  developer = await signedInContext(DEVELOPER_EMAIL);
});
test.afterAll(async () => {
  await developer?.dispose();
});

async function options(query: string): Promise<Options> {
  const response = await developer.get(`/api/v1/templates/vpc-box/options?region=us-east-1&${query}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Options;
}

test("lists a parameter's options narrowed by earlier answers, and refuses a request with one no longer offered", async ({ request }) => {
  expect((await request.get("/api/v1/templates/vpc-box/options?parameter=zone")).status()).toBe(401);
  const vpcs = await options("parameter=vpc");
  expect(vpcs.options.map((o) => o.label)).toEqual([expect.stringMatching(/^default VPC/), expect.stringMatching(/^hangar-private/)]);
  expect(Date.parse(vpcs.cachedAt)).not.toBeNaN();
  const [defaultVpc, privateVpc] = vpcs.options.map((o) => o.value);
  const subnets = await options(`parameter=subnet&vpc=${privateVpc}&zone=us-east-1b`);
  expect(subnets.options).toHaveLength(1);
  expect(subnets.options[0]!.detail).toMatch(/us-east-1b · private/);
  const otherSubnet = (await options(`parameter=subnet&vpc=${defaultVpc}&zone=us-east-1b`)).options[0]!.value;

  await expectError(await developer.get("/api/v1/templates/vpc-box/options?parameter=nope"), 400, "invalid", "parameter");
  await expectError(await developer.get("/api/v1/templates/vpc-box/options"), 400, "invalid", "query.parameter");
  await expectError(await developer.get("/api/v1/templates/no-such-template/options?parameter=zone"), 404, "not_found", "template");

  const before = await environmentCount(developer);
  const refused = await developer.post("/api/v1/environments", {
    data: { name: uniqueName("stale"), template: "vpc-box", region: "us-east-1", parameters: { zone: "us-east-1b", instanceType: "t3.small", vpc: privateVpc, subnet: otherSubnet } },
  });
  const error = await expectError(refused, 400, "invalid", "parameters.subnet");
  expect(error.error.issues).toEqual([{ path: "parameters.subnet", message: `${otherSubnet} is not a subnet of ${privateVpc} in us-east-1b` }]);
  expect(await environmentCount(developer)).toBe(before);
});
