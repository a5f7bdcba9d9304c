"use client";
// The template editor: CodeMirror 6 with YAML highlighting, the server's issues as diagnostics
// at their line and column (gutter marks, underlines, hover text), and the same issues as a
// plain list under it whose entries move the cursor to the problem. CodeMirror's content is a
// contenteditable with role textbox; it is named by the visible label, so screen readers and
// tests find it as "Template YAML".
import { yaml } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorSelection, EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { useEffect, useId, useRef, type ReactNode } from "react";
import type { ApiIssue } from "../api-client";
import { describeIssue, issueRange, issuesToDiagnostics } from "./editor-diagnostics";
import type { TemplateValidation } from "./use-template-validation";

const theme = EditorView.theme({
  "&": { fontSize: "13px", backgroundColor: "white", maxHeight: "36rem" },
  "&.cm-focused": { outline: "2px solid #0f172a", outlineOffset: "-1px" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", overflow: "auto" },
  ".cm-content, .cm-gutter": { minHeight: "20rem" },
});

export function YamlEditor({ label, initialSource, onChange, validation, help }: {
  label: string;
  /** The text the editor starts with; to start over with another, give the editor a new key. */
  initialSource: string;
  onChange: (source: string) => void;
  validation: TemplateValidation;
  help?: ReactNode;
}) {
  const id = useId();
  const [labelId, statusId, helpId] = [`${id}-label`, `${id}-status`, `${id}-help`];
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The view is made once; it reads the latest callback through this ref.
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  });

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initialSource,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          theme,
          EditorView.contentAttributes.of({ "aria-labelledby": labelId, "aria-describedby": help ? `${statusId} ${helpId}` : statusId }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // A new initialSource means a new editor (the parent changes its key), not a reset under the cursor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const checked = validation.checked;
  useEffect(() => {
    const editor = view.current;
    // Issues about older text would land in the wrong places; CodeMirror keeps the previous
    // ones mapped through the edits until the check of the current text arrives.
    if (!editor || !checked || editor.state.doc.toString() !== checked.source) return;
    editor.dispatch(setDiagnostics(editor.state, issuesToDiagnostics(editor.state.doc, checked.issues)));
  }, [checked]);

  const jumpTo = (issue: ApiIssue) => {
    const editor = view.current;
    if (!editor) return;
    const { from, to } = issueRange(editor.state.doc, issue);
    editor.dispatch({ selection: EditorSelection.single(from, issue.line ? from : to), effects: EditorView.scrollIntoView(from, { y: "center" }) });
    editor.focus();
  };

  const issues = checked?.issues ?? [];
  return (
    <div>
      <div id={labelId} className="mb-1.5 text-sm font-medium text-slate-800">
        {label}
      </div>
      <div ref={host} className="overflow-hidden rounded-md border border-slate-300" data-testid="yaml-editor" />
      {help && (
        <p id={helpId} className="mt-1.5 text-xs text-slate-500">
          {help}
        </p>
      )}
      <div className="mt-2 text-sm">
        <p id={statusId} role="status" className={validation.failure ? "text-amber-800" : issues.length > 0 ? "text-red-700" : "text-slate-600"}>
          {validation.failure ??
            (validation.checking ? "Checking…" : issues.length === 0 ? "No problems found." : `${issues.length} problem${issues.length === 1 ? "" : "s"} (select one to go to it):`)}
        </p>
        {issues.length > 0 && (
          <ul aria-label="Problems in the template" className="mt-1 space-y-1">
            {issues.map((issue, index) => (
              <li key={`${index}-${issue.path}-${issue.line ?? 0}`}>
                <button type="button" onClick={() => jumpTo(issue)} className="text-left font-mono text-xs text-red-700 hover:underline focus-visible:underline">
                  {describeIssue(issue)}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
