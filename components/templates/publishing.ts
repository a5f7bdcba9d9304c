// What the template forms share: the publish answer and the editor's help line.

/** POST /api/v1/templates and …/versions: 201 with created, or 200 when the source did not change. */
export type PublishResponse = { templateId: string; slug: string; versionId: string; version: number; created: boolean };

export const EDITOR_HELP = "Checked as you type, with the server's own rules; Publish checks again. Ctrl-] and Ctrl-[ indent lines; Tab leaves the editor.";
