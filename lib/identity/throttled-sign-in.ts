// Password sign-in behind the brute-force throttles: a blocked account or address is refused
// before the password is even checked (so guessing costs time, not just a failure), each
// failure counts against both, and a success clears the account's count. An account's
// attempts run one at a time, so a parallel burst cannot outrun the count.
import type { Db } from "../db/client";
import type { RequestContext } from "../audit/record-audit-event";
import { authenticateWithPassword, type SignedInUser } from "./authenticate-with-password";
import type { Throttle } from "./throttle";

export type SignInThrottles = { signInAccount: Throttle; signInAddress: Throttle };

export async function signInThrottled(db: Db, throttles: SignInThrottles, input: { email: string; password: string; context?: RequestContext }): Promise<SignedInUser | null> {
  const account = input.email.trim().toLowerCase();
  const address = input.context?.ip ?? "unknown";
  return throttles.signInAccount.oneAtATime(account, "sign-in for this account", async () => {
    await throttles.signInAccount.check(account, "sign-ins for this account");
    await throttles.signInAddress.check(address, "sign-ins from this address");
    const user = await authenticateWithPassword(db, input);
    if (!user) {
      await Promise.all([throttles.signInAccount.failure(account), throttles.signInAddress.failure(address)]);
      return null;
    }
    await throttles.signInAccount.success(account);
    return user;
  });
}
