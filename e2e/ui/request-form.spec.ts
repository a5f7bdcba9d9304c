// The request form as a new user found it: the estimate prices exactly what Request would send
// (a cleared field means its default; a value the request would refuse gets no price), and a
// field's problem shows when leaving it, as a sentence with its subject, in place of its help.
import { expect, test } from "@playwright/test";
import { signIn } from "../support/sign-in";
import { createUser, type SeededUser } from "../support/users";

// A user of its own: the form opens with each user's last values, and other specs request these
// templates with values of their own.
let user: SeededUser;
test.beforeAll(async () => {
  user = await createUser({ role: "developer", teamSlug: "demo", label: "form" });
});

test("the estimate follows exactly what would be submitted", async ({ page }) => {
  await signIn(page, user);
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
  await expect(page.getByRole("listitem").filter({ hasText: "App replicas must be at most 5" })).toBeVisible();
  // Not a number: shown as typed, and neither priced nor sent as the default.
  await replicas.fill("1e");
  await expect(cost).toBeHidden();
  await expect(page.getByRole("listitem").filter({ hasText: "App replicas must be a whole number" })).toBeVisible();
  await replicas.fill("3");
  await expect(cost).toHaveText("≈ $0.104/h");
  await page.getByText("What will be created").click();
  await expect(page.getByText(/Group app: 3 × t3\.small in us-east-1/)).toBeVisible();
});

test("a field's problem shows when leaving it, as a sentence, in place of its help", async ({ page }) => {
  await signIn(page, user);
  await page.goto("/environments/new?template=web-dev");
  const name = page.getByLabel("Environment name");
  await expect(name).toHaveAccessibleDescription(/unique within the team/);
  await name.fill("Bad Name!");
  await page.getByLabel("Git branch").focus();
  await expect(name).toHaveAccessibleDescription("Environment name must use only lowercase letters, digits and hyphens: try 'bad-name'");
  // Capitals are refused with the name that would be created, never lowercased behind the user's back.
  await name.fill("My-Env");
  await expect(name).toHaveAccessibleDescription("Environment name must use only lowercase letters, digits and hyphens: try 'my-env'");
  await name.fill("");
  await page.getByLabel("Git branch").focus();
  await expect(name).toHaveAccessibleDescription("Environment name is required");
  await name.fill("good-name");
  await expect(name).toHaveAccessibleDescription(/unique within the team/);
});

test("a parameter's problem shows when leaving it, with its label, instead of its help", async ({ page }) => {
  await signIn(page, user);
  await page.goto("/environments/new?template=service-stack");
  const replicas = page.getByLabel("App replicas");
  const help = /1–5/;
  await expect(replicas).toHaveAccessibleDescription(help);
  await replicas.fill("10");
  await expect(replicas).toHaveAccessibleDescription(help); // typing alone shows nothing yet
  // The name box had the focus when the page opened: moving on from it untouched is no mistake yet.
  await expect(page.getByLabel("Environment name")).toHaveAccessibleDescription(/unique within the team/);
  await replicas.blur();
  await expect(replicas).toHaveAccessibleDescription("App replicas must be at most 5");
  await expect(replicas).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(help)).toHaveCount(0); // the help is not printed under the error
  await replicas.fill("4"); // fixing it clears the error while typing
  await expect(replicas).toHaveAccessibleDescription(help);
  await replicas.fill("");
  await replicas.blur();
  await expect(replicas).toHaveAccessibleDescription(help); // optional: empty means its default
  // Request lists every problem at the top, as the same sentences, each linked to its field; the
  // name never typed in is one of them now.
  await replicas.fill("0");
  await page.getByRole("button", { name: "Request environment" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Fix the highlighted fields and submit again." });
  await expect(summary.getByRole("listitem")).toHaveText(["Environment name is required", "App replicas must be at least 1"]);
  await expect(page.getByLabel("Environment name")).toHaveAccessibleDescription("Environment name is required");
  await expect(replicas).toHaveAccessibleDescription("App replicas must be at least 1");
});
