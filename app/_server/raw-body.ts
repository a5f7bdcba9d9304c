import "server-only";
// A request body exactly as sent (signatures are over these bytes), read up to a limit: a
// declared or streamed size past it is a 413 before the rest is read into memory.
import { PayloadTooLarge } from "@/lib/errors";

export async function readRawBody(request: Request, limitBytes: number): Promise<string> {
  const tooLarge = () => new PayloadTooLarge(`Request body is larger than ${Math.round(limitBytes / 1024)} KB`, [{ path: "body", message: `at most ${limitBytes} bytes` }]);
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge();
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
