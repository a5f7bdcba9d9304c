// Runs once in each web server process before it answers a request (Next's instrumentation hook).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig } = await import("./lib/config");
  const { installForwardedForGuard } = await import("./app/_server/forwarded-for-guard");
  installForwardedForGuard(getConfig().HANGAR_TRUSTED_PROXIES);
}
