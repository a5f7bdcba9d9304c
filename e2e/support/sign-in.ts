// Signing in through the page, as a person does: the form, then the environments list it lands on.
import { expect, type Page } from "@playwright/test";

export async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/environments$/);
}
