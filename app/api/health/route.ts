import { NextResponse } from "next/server";
import { web } from "@/app/_server/runtime";

export const dynamic = "force-dynamic";

/** Readiness: Postgres and Redis answer. Used by docker-compose and load balancers. */
export async function GET(): Promise<Response> {
  const { db, queues } = web();
  const checks = await Promise.allSettled([db.$queryRaw`SELECT 1`, queues.connection.ping()]);
  const [database, redis] = checks.map((check) => (check.status === "fulfilled" ? "ok" : "down"));
  const ok = database === "ok" && redis === "ok";
  return NextResponse.json({ ok, database, redis }, { status: ok ? 200 : 503 });
}
