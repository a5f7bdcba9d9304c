import "server-only";
// A streamed file download (exports): pieces from a lib/ generator, written as the client reads.
// The first piece is read before answering, so a refusal or a failing query is an error
// response, not a cut file; a client that goes away stops the generator.
export async function attachmentResponse(pieces: AsyncGenerator<string>, file: { name: string; contentType: string }): Promise<Response> {
  const first = await pieces.next();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
  return new Response(stream, { headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.name}"`, "cache-control": "no-store" } });
}

/** "2026-12-01-23-05-09": a file name's time stamp. */
export function fileStamp(now = new Date()): string {
  return now.toISOString().slice(0, 19).replace(/[:T]/g, "-");
}
