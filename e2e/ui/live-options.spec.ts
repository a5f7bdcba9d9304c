// A developer requests from a template whose choices come from the cloud account: a live
// instance-type dropdown (the types the chosen zone offers, with vCPU, memory and price) and a
// subnet field that follows the chosen VPC (a subnet of the old VPC is cleared when the VPC
// changes). The preview prices the choice, and the environment becomes ready in that subnet.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/sign-in";
import { createUser, type SeededUser } from "../support/users";

const CLOUD_TIMEOUT = 60_000;
let user: SeededUser;
let created: string | null = null;

test.beforeAll(async () => {
  user = await createUser({ role: "developer", teamSlug: "demo", label: "live" });
});
test.afterEach(async ({ page }) => {
  if (created) await page.request.delete(`/api/v1/environments/${created}`).catch(() => undefined);
  created = null;
});


/** The value of the option whose text contains `text`, once the options are there. */
async function optionValue(page: Page, label: string, text: string): Promise<string> {
  const option = page.getByRole("combobox", { name: label, exact: true }).locator("option", { hasText: text });
  await expect(option).toHaveCount(1);
  return (await option.getAttribute("value"))!;
}

test("request with a live instance-type dropdown and a subnet that follows the VPC", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `live-${Date.now().toString(36)}`;
  await signIn(page, user);
  await page.goto("/environments/new?template=vpc-box");
  await expect(page.getByRole("heading", { level: 1, name: "Request VPC box" })).toBeVisible();
  const region = page.getByLabel("Region");
  if ((await region.count()) > 0) await region.selectOption("us-east-1");
  await page.getByLabel("Environment name").fill(name);

  const zone = page.getByLabel("Availability zone");
  await expect(zone.locator("option")).toHaveCount(7); // "Choose…" and six zones
  await zone.selectOption("us-east-1a");

  // The types us-east-1a offers within the template's filter, with vCPU, memory and hourly price.
  const type = page.getByLabel("Instance type");
  await expect(type.locator("option", { hasText: "t3.small — 2 vCPU · 2 GiB · x86_64 · $0.0208/h" })).toHaveCount(1);
  await expect(type.locator("option", { hasText: "t3.2xlarge" })).toHaveCount(0);
  await type.selectOption("t3.small");

  // A subnet of the default VPC, then another VPC: the subnet no longer fits and is cleared.
  const vpc = page.getByRole("combobox", { name: "VPC", exact: true });
  const subnet = page.getByLabel("Subnet");
  await vpc.selectOption(await optionValue(page, "VPC", "default VPC"));
  const publicSubnet = await optionValue(page, "Subnet", "us-east-1a · public IPs");
  await subnet.selectOption(publicSubnet);
  await vpc.selectOption(await optionValue(page, "VPC", "hangar-private"));
  await expect(subnet).toHaveValue("");
  await expect(subnet.locator("option", { hasText: "public IPs" })).toHaveCount(0);
  const privateOption = subnet.locator("option", { hasText: "hangar-private-a" });
  await expect(privateOption).toHaveCount(1);
  const privateText = (await privateOption.textContent())!;
  const cidr = /10\.0\.(\d+)\.0\/20/.exec(privateText)!;
  await subnet.selectOption((await privateOption.getAttribute("value")));
  await expect(subnet).toHaveAccessibleDescription(/us-east-1a · private/);

  // The preview prices exactly this choice.
  await expect(page.getByTestId("cost-per-hour")).toHaveText("≈ $0.0208/h");
  await page.getByText("What will be created").click();
  await expect(page.getByText(/Group box: 1 × t3\.small in us-east-1/)).toBeVisible();

  await page.getByRole("button", { name: "Request environment" }).click();
  await expect(page).toHaveURL(/\/environments\/[0-9a-f-]{36}$/);
  created = page.url().split("/").pop()!;
  await expect(page.getByRole("status", { name: /^State:/ })).toHaveAccessibleName("State: ready", { timeout: CLOUD_TIMEOUT });

  // In the chosen subnet: its address is in the subnet's range, and there is no public one.
  const response = await page.request.get(`/api/v1/environments/${created}`);
  const environment = (await response.json()) as { instances: { privateIp: string | null; publicIp: string | null }[]; parameters: Record<string, unknown> };
  expect(environment.parameters).toMatchObject({ zone: "us-east-1a", instanceType: "t3.small" });
  expect(environment.instances).toHaveLength(1);
  const [, , third] = (environment.instances[0]!.privateIp ?? "").split(".").map(Number);
  const base = Number(cidr[1]);
  expect(third! >= base && third! < base + 16, `${environment.instances[0]!.privateIp} in ${cidr[0]}`).toBe(true); // a /20: 16 third octets
  expect(environment.instances[0]!.publicIp).toBeNull();
  await expect(page.getByRole("region", { name: "Outputs" })).toContainText(environment.instances[0]!.privateIp!);
});
