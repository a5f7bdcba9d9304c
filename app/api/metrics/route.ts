import { web } from "@/app/_server/runtime";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const { registry } = web().metrics;
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
}
