// Why someone lands on /signin signed out after an action of their own (settings, an invitation),
// by the `notice` query parameter. Looked up as an own key only: `?notice=__proto__` or
// `constructor` would otherwise find Object's members and fail the page's render.
const NOTICES: Record<string, string> = {
  "password-changed": "Your password was changed and every session ended. Sign in with the new password.",
  "signed-out-everywhere": "You were signed out everywhere, here too. Sign in again to continue.",
  "invite-accepted": "Your password is set. Sign in to start.",
};

export function signInNotice(key: string | undefined): string | undefined {
  return key !== undefined && Object.hasOwn(NOTICES, key) ? NOTICES[key] : undefined;
}
