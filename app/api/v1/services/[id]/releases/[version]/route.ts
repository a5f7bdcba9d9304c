import { z } from "zod";
import { route } from "@/app/_server/route";
import { web } from "@/app/_server/runtime";
import { getRelease } from "@/lib/releases/get-release";
import { releaseView } from "@/lib/releases/api-schemas";
import { idParams } from "@/lib/api-contract/common-schemas";

const params = idParams.extend({ version: z.string().min(1).max(200) });

export const dynamic = "force-dynamic";

export const GET = route({ summary: "One release of the service by its version", params, response: releaseView }, ({ caller, params }) => getRelease(web().db, caller, { service: params.id, version: params.version }));
