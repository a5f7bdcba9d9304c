// The request form as a new user found it: the estimate prices exactly what Request would send
// (a cleared field means its default; a value the request would refuse gets no price), and a
// field's problem shows when leaving it, as a sentence with its subject, in place of its help.
import { expect, test, type Page } from "@playwright/test";

const PASSWORD = process.env.HANGAR_DEMO_PASSWORD ?? "hangar-demo";

async function signIn(page: Page) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("dev@hangar.local");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/environments$/);
}

test("the estimate follows exactly what would be submitted", async ({ page }) => {
  await signIn(page);
  await page.goto("/environments/new?template=service-stack");
  const region = page.getByLabel("Region");
  if ((await region.count()) > 0) await region.selectOption("us-east-1");
  const cost = page.getByTestId("cost-per-hour");
  // 2 × t3.small + 1 × t3.medium.
  await expect(cost).toHaveText("≈ $0.0832/h");
  const replicas = page.getByLabel("App replicas");
  await replicas.fill("");
  await expect(cost).toHaveText("≈ $0.0832/h"); // cleared: the default (2) is what a request gets
  await replicas.fill("10");
  await expect(cost).toBeHidden();
  await expect(page.getByText("with these values the request would be refused")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: /App replicas must be <= 5|App replicas must be at most 5/ })).toBeVisible();
  await replicas.fill("3");
  await expect(cost).toHaveText("≈ $0.104/h");
  await page.getByText("What will be created").click();
  await expect(page.getByText(/Group app: 3 × t3\.small in us-east-1/)).toBeVisible();
});

test("a field's problem shows when leaving it, as a sentence, in place of its help", async ({ page }) => {
  await signIn(page);
  await page.goto("/environments/new?template=web-dev");
  const name = page.getByLabel("Environment name");
  await expect(name).toHaveAccessibleDescription(/unique within the team/);
  await name.fill("Bad Name!");
  await page.getByLabel("Git branch").focus();
  await expect(name).toHaveAccessibleDescription("Environment name must be 1-40 lower-case letters, digits and dashes, not starting or ending with a dash");
  await name.fill("");
  await page.getByLabel("Git branch").focus();
  await expect(name).toHaveAccessibleDescription("Environment name is required");
  await name.fill("good-name");
  await expect(name).toHaveAccessibleDescription(/unique within the team/);
});
