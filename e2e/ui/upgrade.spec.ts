// A developer's environment was made from version 1 of a template; its platform team publishes
// version 2 (a bigger web server, a new worker group sized by a new parameter). The developer
// sees "Update available", reads the plan (what is replaced, added, the new parameter with its
// default, the cost), sets the parameter, checks the plan again, applies it, and watches the
// environment move to version 2: the new instances run, the old web server is terminated.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "../support/sign-in";
import { DEVELOPER_EMAIL, destroyAndWait, requestEnvironment, signedInContext, uniqueName, waitForState, DEMO_PASSWORD } from "../support/api";
import { createUser, databaseUrl } from "../support/users";

test.describe.configure({ mode: "serial" });

const CLOUD_TIMEOUT = 60_000;
const slug = `ui-up-${randomUUID().slice(0, 8)}`;
const IMAGE = '{ owner: amazon, name: "al2023-ami-2023.*-x86_64", architecture: x86_64 }';
const v1 = `name: Upgrade box\nlease: { default: 2h, max: 1d }\ninstanceGroups:\n  - name: web\n    image: ${IMAGE}\n    instanceType: t3.micro\n    count: 1\noutputs:\n  address: "\${{ instances.web[0].privateIp }}"\n`;
const v2 = `name: Upgrade box
lease: { default: 2h, max: 1d }
parameters:
  type: object
  properties:
    workers: { type: integer, title: Workers, minimum: 1, maximum: 3, default: 1 }
instanceGroups:
  - name: web
    image: ${IMAGE}
    instanceType: t3.small
    count: 1
  - name: worker
    image: ${IMAGE}
    instanceType: t3.micro
    count: "\${{ params.workers }}"
outputs:
  address: "\${{ instances.web[0].privateIp }}"
`;

let platform: APIRequestContext;
let developer: APIRequestContext;
let environmentId: string;

test.beforeAll(async () => {
  test.skip(!databaseUrl(), "needs the system's database to create a platform user");
  const user = await createUser({ role: "platform", teamSlug: "demo", label: "platform-upgrades" });
  platform = await signedInContext(user.email, user.password);
  developer = await signedInContext(DEVELOPER_EMAIL);
  const created = await platform.post("/api/v1/templates", { data: { slug, source: v1, changeNote: "first" } });
  expect(created.status(), await created.text()).toBe(201);
  environmentId = (await requestEnvironment(developer, { name: uniqueName("up"), template: slug })).id;
  await waitForState(developer, environmentId, ["ready"], CLOUD_TIMEOUT);
  const published = await platform.post(`/api/v1/templates/${slug}/versions`, { data: { source: v2, baseVersion: 1, changeNote: "bigger web, workers" } });
  expect(published.status(), await published.text()).toBe(201);
});

test.afterAll(async () => {
  if (environmentId) await destroyAndWait(developer, environmentId);
  await platform?.dispose();
  await developer?.dispose();
});


test("reads the plan, changes a parameter, applies it, and the environment moves to version 2", async ({ page }) => {
  await signIn(page, { email: DEVELOPER_EMAIL, password: DEMO_PASSWORD });
  await page.goto(`/environments/${environmentId}`);
  await expect(page.getByTestId("update-available")).toHaveText(/Update available: Upgrade box version 2 \(this environment runs version 1\)/);
  const before = page.getByRole("region", { name: /^Instances/ });
  await expect(before).toContainText("t3.micro");

  await page.getByRole("link", { name: "Review the update" }).click();
  await expect(page).toHaveURL(new RegExp(`/environments/${environmentId}/upgrade$`));
  const plan = page.getByTestId("upgrade-plan");
  await expect(plan).toContainText("Version 1 → 2");
  await expect(plan).toContainText("bigger web, workers");
  await expect(page.getByTestId("plan-group-web")).toContainText("Replaced");
  await expect(page.getByTestId("plan-group-web")).toContainText("instance type t3.micro → t3.small");
  await expect(page.getByTestId("plan-group-worker")).toContainText("Added");
  await expect(page.getByTestId("plan-group-worker")).toContainText("1 × t3.micro");
  await expect(page.getByTestId("plan-parameters")).toHaveText("workers added: 1");
  await expect(page.getByTestId("plan-cost")).toContainText("→");

  const workers = page.getByRole("textbox", { name: "Workers" });
  // Two workers instead of the default: the plan is worked out again before it can be applied.
  await workers.fill("2");
  await expect(page.getByRole("button", { name: "Apply the update" })).toBeDisabled();
  await page.getByRole("button", { name: "Check the plan with these values" }).click();
  await expect(page.getByTestId("plan-parameters")).toHaveText("workers added: 2");
  await expect(page.getByTestId("plan-group-worker")).toContainText("2 × t3.micro");
  // A value the version refuses is shown at its field, and nothing can be applied.
  await workers.fill("7");
  await page.getByRole("button", { name: "Check the plan with these values" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "cannot be applied" })).toBeVisible();
  await expect(workers).toHaveAccessibleDescription(/at most 3/);
  await expect(page.getByRole("button", { name: "Apply the update" })).toBeDisabled();
  await workers.fill("2");
  await page.getByRole("button", { name: "Check the plan with these values" }).click();
  await expect(page.getByTestId("plan-parameters")).toHaveText("workers added: 2");

  await page.getByRole("button", { name: "Apply the update" }).click();
  await expect(page).toHaveURL(new RegExp(`/environments/${environmentId}$`));
  const state = page.getByTestId("environment-state");
  await expect(state).toHaveAccessibleName(/State: (updating|ready)/);
  await expect(page.getByTestId("environment-parameters")).toContainText("workers", { timeout: CLOUD_TIMEOUT });
  await expect(state).toHaveAccessibleName("State: ready", { timeout: CLOUD_TIMEOUT });
  await expect(page.getByRole("region", { name: "Parameters (version 2)" })).toContainText("2");
  await expect(page.getByTestId("update-available")).toHaveCount(0);

  const after = await waitForState(developer, environmentId, ["ready"], CLOUD_TIMEOUT);
  const running = after.instances.filter((i) => i.state === "running");
  expect(running).toHaveLength(3);
  await expect(page.getByRole("region", { name: /^Instances/ })).toContainText("t3.small");
});
