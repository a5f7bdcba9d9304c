// The parts of the API's answers the CLI reads. The CLI talks HTTP only (it never imports the
// server's code), so these are the documented shapes of docs/api.md, narrowed to what is used.
export type Step = { name: string; state: string; error: string | null; waitReason?: string | null };
export type RunView = { id: string; kind: string; state: string; error: string | null; failedStep: string | null; steps: Step[] };

export type EnvironmentSummary = {
  id: string;
  name: string;
  state: string;
  team: { slug: string; name: string };
  owner: { email: string };
  template: { slug: string; name: string; version: number };
  region: string;
  instanceCount?: number;
  expiresAt: string;
  createdAt: string;
};

export type EnvironmentDetail = EnvironmentSummary & {
  outputs: Record<string, string>;
  parameters: Record<string, unknown>;
  failedStep: string | null;
  failureReason: string | null;
  readyAt: string | null;
  destroyedAt?: string | null;
  cloudAccount?: { name: string } | null;
  instances: { cloudId: string; group: string; instanceType: string; state: string; publicIp: string | null; privateIp: string | null }[];
  runs: RunView[];
};

export type TemplateSummary = {
  id: string;
  slug: string;
  name: string;
  description: string;
  ownerTeam: { slug: string } | null;
  archivedAt: string | null;
  latestVersion: { version: number; createdAt: string; deprecatedAt: string | null } | null;
};

export type TemplateDetail = TemplateSummary & {
  version: {
    version: number;
    changeNote: string | null;
    deprecatedAt: string | null;
    spec: {
      parameters?: { properties?: Record<string, { type?: string | string[]; title?: string; description?: string; default?: unknown; enum?: unknown[] }>; required?: string[] };
      lease: { default: number; max: number };
      outputs?: Record<string, string>;
    };
  };
};

export type Me = { userId: string; email: string; name: string; isAdmin: boolean; memberships: { teamSlug: string; teamName: string; role: string }[] };

export type LogLine = { id: string; runId: string; step: string | null; level: string; message: string; at: string };

/** A list page: keyset (`nextCursor`) or numbered (`page`/`pageCount`), whichever the server answers. */
export type ListPage<T> = { items: T[]; total?: number; nextCursor?: string | null; page?: number | null; pageCount?: number };
