import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getRelease } from "@/lib/releases/get-release";

export const dynamic = "force-dynamic";

export const GET = route({}, ({ caller, params }) => getRelease(web().db, caller, { service: params.id!, version: params.version! }));
