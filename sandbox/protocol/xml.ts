// Tiny XML writer for EC2 Query responses. String concatenation is deliberate: Describe pages of
// 1,000 instances are built thousands of times a minute and a DOM would only cost time.

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const EC2_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped rather than producing unparsable output.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");
}

type Scalar = string | number | boolean;

/** `<name>value</name>`, or `<name/>` for an empty string; nothing at all for undefined/null. */
export function el(name: string, value: Scalar | undefined | null): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "string" ? escapeXml(value) : String(value);
  return text === "" ? `<${name}/>` : `<${name}>${text}</${name}>`;
}

/** A container whose children are already serialised XML. */
export function node(name: string, inner: string): string {
  return inner === "" ? `<${name}/>` : `<${name}>${inner}</${name}>`;
}

/** EC2 lists: `<nameSet><item>..</item><item>..</item></nameSet>`. */
export function itemSet<T>(name: string, items: readonly T[], render: (item: T) => string): string {
  let inner = "";
  for (const item of items) inner += `<item>${render(item)}</item>`;
  return node(name, inner);
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function successXml(action: string, requestId: string, body: string): string {
  return (
    `${XML_HEADER}<${action}Response xmlns="${EC2_NAMESPACE}">` +
    `<requestId>${requestId}</requestId>${body}</${action}Response>`
  );
}

/** EC2's error envelope, which differs from the success one (no namespace, `RequestID`). */
export function errorXml(code: string, message: string, requestId: string): string {
  return (
    `${XML_HEADER}<Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error></Errors>` +
    `<RequestID>${requestId}</RequestID></Response>`
  );
}
