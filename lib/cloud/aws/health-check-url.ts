// Where an HTTP health check of an instance is sent. The sandbox serves every instance's HTTP
// through its own endpoint (sandbox/README.md, "Instance health"), so the check crosses the
// network for real and fails when the release asks it to; on AWS it goes to the instance itself.
import type { CloudInstance, HttpCheckTarget } from "../provider";

export function healthCheckUrl(
  cloud: { kind: "aws" | "sandbox"; endpoint?: string },
  instance: Pick<CloudInstance, "id" | "publicIp" | "privateIp">,
  target: HttpCheckTarget,
): string | undefined {
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65_535) {
    throw new RangeError(`health check port must be 1-65535, got ${target.port}`);
  }
  const path = target.path.startsWith("/") ? target.path : `/${target.path}`;
  if (cloud.kind === "sandbox" && cloud.endpoint !== undefined) {
    const base = cloud.endpoint.replace(/\/+$/, "");
    return `${base}/_sandbox/instances/${encodeURIComponent(instance.id)}/http/${target.port}${path}`;
  }
  const host = instance.publicIp ?? instance.privateIp;
  return host === undefined ? undefined : `http://${host}:${target.port}${path}`;
}
