import { route } from "@/app/_server/route";
import { enqueueNow, web } from "@/app/_server/runtime";
import { upgradeAfterPublish } from "@/lib/environments/upgrade-batches";
import { Conflict } from "@/lib/errors";
import { requireSiteAdmin } from "@/lib/identity/permissions";
import { syncTemplatesFolder } from "@/lib/templates/sync-templates-folder";
import { syncResult } from "@/lib/templates/api-schemas";

export const dynamic = "force-dynamic";

export const POST = route({ summary: "Publish what changed in HANGAR_TEMPLATES_DIR, e.g. after a git pull (admins)", response: syncResult }, async ({ caller }) => {
  requireSiteAdmin(caller);
  const dir = web().config.HANGAR_TEMPLATES_DIR;
  if (!dir) throw new Conflict("No templates folder is configured: set HANGAR_TEMPLATES_DIR to a folder of <slug>.yaml files");
  return syncTemplatesFolder(web().db, dir, caller, {
    // Templates whose upgrade policy is automatic upgrade their environments to what was published.
    onPublished: async (published) => {
      const { outbox, error } = await upgradeAfterPublish(web().db, caller, published, { providers: web().providers });
      await enqueueNow(...outbox);
      if (error) web().logger.warn({ template: published.templateId }, error);
    },
  });
});
