import "server-only";
import { Alert } from "@/components/ui/alert";
import { AppError } from "@/lib/errors";
import { CURSOR_PATH } from "@/lib/pagination/keyset";

/**
 * A list page's rows at its cursor, or its first page when the cursor is not one of the list's
 * (a link from an older version, or edited by hand): a page shows the list again rather than an
 * error. The API answers the same cursor with a 400 at `query.cursor`.
 */
export async function firstPageIfStale<P>(cursor: string | undefined, load: (cursor: string | undefined) => Promise<P>): Promise<{ page: P; restarted: boolean }> {
  if (!cursor) return { page: await load(undefined), restarted: false };
  try {
    return { page: await load(cursor), restarted: false };
  } catch (error) {
    if (!(error instanceof AppError && error.issues.some((issue) => issue.path === CURSOR_PATH))) throw error;
    return { page: await load(undefined), restarted: true };
  }
}

export function StalePageNotice() {
  return (
    <div className="px-4 pt-3">
      <Alert tone="info">That link’s page no longer exists; showing the first page.</Alert>
    </div>
  );
}
