// SigV4: the caller's identity comes from the Authorization header's credential scope
// (access key = account, scope region = region). When the sandbox is given credentials it also
// re-signs the request and compares, so a client with the wrong secret fails here as on AWS.
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { SignatureV4 } from "@smithy/signature-v4";
import { Ec2Error, errors } from "./ec2-error";

export interface ParsedAuthorization {
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTH_RE =
  /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;._-]+),\s*Signature=([0-9a-f]{64})$/;

export function parseAuthorization(header: string | undefined): ParsedAuthorization {
  if (header === undefined || header === "") {
    throw errors.authFailure("AWS was not able to validate the provided access credentials");
  }
  const m = AUTH_RE.exec(header.trim());
  if (m === null) throw errors.authFailure();
  const [, accessKeyId = "", scopeDate = "", region = "", service = "", signed = "", signature = ""] = m;
  if (service !== "ec2") throw errors.authFailure(`Credential should be scoped to correct service: 'ec2'.`);
  return { accessKeyId, scopeDate, region, service, signedHeaders: signed.split(";"), signature };
}

/** node:crypto behind the Checksum interface @smithy/signature-v4 expects. */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash("sha256");
    const key =
      typeof this.secret === "string"
        ? this.secret
        : ArrayBuffer.isView(this.secret)
          ? Buffer.from(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength)
          : Buffer.from(this.secret);
    return createHmac("sha256", key);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(
      typeof data === "string"
        ? data
        : ArrayBuffer.isView(data)
          ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
          : Buffer.from(data),
    );
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

export interface SignedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  body: string;
}

function parseAmzDate(value: string | undefined): Date | undefined {
  const m = value === undefined ? null : /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

const MAX_SKEW_MS = 15 * 60 * 1000;

/** Throws AuthFailure / RequestExpired unless `request` was signed with `secretAccessKey`. */
export async function verifySignature(
  request: SignedRequest,
  auth: ParsedAuthorization,
  secretAccessKey: string,
  now: number,
): Promise<void> {
  const amzDate = request.headers["x-amz-date"];
  const signingDate = parseAmzDate(typeof amzDate === "string" ? amzDate : undefined);
  if (signingDate === undefined || !auth.signedHeaders.includes("host")) throw errors.authFailure();
  if (Math.abs(now - signingDate.getTime()) > MAX_SKEW_MS) {
    throw new Ec2Error("RequestExpired", `Request has expired. Timestamp date is ${amzDate as string}`);
  }
  const declaredHash = request.headers["x-amz-content-sha256"];
  if (typeof declaredHash === "string" && declaredHash !== createHash("sha256").update(request.body).digest("hex")) {
    throw errors.authFailure();
  }
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) throw errors.authFailure();
    headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey },
    region: auth.region,
    service: auth.service,
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: "http:",
      hostname: "",
      path: request.path,
      query: request.query,
      headers,
      body: request.body,
    },
    { signingDate, signableHeaders: new Set(auth.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})$/.exec(String(signed.headers["authorization"] ?? ""))?.[1] ?? "";
  const a = Buffer.from(expected);
  const b = Buffer.from(auth.signature);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw errors.authFailure();
}
