// The release an instance runs, handed to it in its user data next to the template's own: a
// JSON file at /etc/hangar/release.json and HANGAR_RELEASE_* variables in /etc/hangar/release.env.
// A template's shell script is kept as it is, with the release written first; cloud-config or
// other user data becomes one part of a cloud-init multi-part message.
import { createHash } from "node:crypto";

export type ReleaseForInstances = { version: string; artifactType: string; artifact: string; config: Record<string, string>; service: string };

/** EC2 accepts at most 16 KB of user data before base64. */
export const MAX_USER_DATA_BYTES = 16 * 1024;

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

function releaseScript(release: ReleaseForInstances): string {
  const json = JSON.stringify({ service: release.service, version: release.version, artifactType: release.artifactType, artifact: release.artifact, config: release.config }, null, 2);
  // JSON never holds a raw newline inside a value, so no line of it can be the terminator.
  return [
    "mkdir -p /etc/hangar",
    "cat > /etc/hangar/release.json <<'HANGAR_RELEASE_EOF'",
    json,
    "HANGAR_RELEASE_EOF",
    `printf '%s\\n' ${[
      `HANGAR_SERVICE=${shellQuote(release.service)}`,
      `HANGAR_RELEASE_VERSION=${shellQuote(release.version)}`,
      `HANGAR_RELEASE_ARTIFACT=${shellQuote(release.artifact)}`,
    ]
      .map(shellQuote)
      .join(" ")} > /etc/hangar/release.env`,
  ].join("\n");
}

/** The template's user data with the release added. */
export function userDataWithRelease(userData: string | undefined, release: ReleaseForInstances): string {
  const script = releaseScript(release);
  if (userData === undefined || userData.trim() === "") return `#!/bin/sh\nset -e\n${script}\n`;
  if (userData.startsWith("#!")) {
    const newline = userData.indexOf("\n");
    const shebang = newline === -1 ? userData : userData.slice(0, newline);
    const rest = newline === -1 ? "" : userData.slice(newline + 1);
    return `${shebang}\n${script}\n${rest}`;
  }
  const boundary = `hangar-${createHash("sha256").update(userData).update(script).digest("hex").slice(0, 24)}`;
  const type = userData.startsWith("#cloud-config") ? "text/cloud-config" : "text/x-shellscript";
  const part = (contentType: string, body: string) => `--${boundary}\nContent-Type: ${contentType}; charset="utf-8"\nMIME-Version: 1.0\n\n${body}\n`;
  return `Content-Type: multipart/mixed; boundary="${boundary}"\nMIME-Version: 1.0\n\n${part("text/x-shellscript", `#!/bin/sh\nset -e\n${script}`)}${part(type, userData)}--${boundary}--\n`;
}
