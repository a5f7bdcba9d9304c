import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Metadata } from "next";
import { requireSignedIn } from "@/app/_ui/session";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "CLI guide" };

// The guide is docs/cli.md in the repository, shown as written (Markdown reads well as text);
// an image built without docs/ says where to find it instead.
async function guide(): Promise<string | null> {
  try {
    return await readFile(path.join(process.cwd(), "docs", "cli.md"), "utf8");
  } catch {
    return null;
  }
}

export default async function CliGuidePage() {
  await requireSignedIn("/help/cli");
  const text = await guide();
  return (
    <>
      <PageHeader title="The hangar CLI" description="Request, follow and destroy environments from a terminal or a CI job. Create a token for it in Settings → API tokens." />
      {text ? (
        <pre className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-6 font-mono text-sm leading-relaxed whitespace-pre-wrap text-slate-800">{text}</pre>
      ) : (
        <Alert tone="info" title="The guide is not in this installation">
          Read docs/cli.md in the Hangar repository, or run <code>hangar --help</code>.
        </Alert>
      )}
    </>
  );
}
