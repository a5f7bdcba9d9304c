// User data that is a shell script gets its `${{ ... }}` insertions quoted for the place they
// land in, so a parameter can never run a command: `$(id)`, backticks, quotes, `;` and newlines
// arrive as text. The script is read with a small shell lexer (quotes, backslashes, comments,
// command substitutions, here-documents), and each insertion is escaped for its context:
//   outside quotes (also inside $( ) and ` `)  -> one single-quoted word     'a b'
//   inside "…"                                -> backslash before \ " $ `
//   inside '…'                                -> every ' closed and reopened   a'\''b
//   an unquoted here-document                 -> backslash before \ $ `
//   a quoted here-document                    -> as is (nothing is expanded there)
//   a comment                                 -> each new line starts a comment again
//   and inside old-style `…`, once more backslash before \ $ ` per level (the shell strips one)
// A value holding a line equal to its here-document's delimiter is refused (it would end it).
// `${{ params.x | raw }}` inserts the value as is, for a template that means to.

const SHELLS = new Set(["sh", "bash", "dash", "zsh", "ksh", "ash", "mksh"]);

/** True when the user data is a script a POSIX-like shell runs (by its #! line). */
export function isShellScript(text: string): boolean {
  const first = text.split("\n", 1)[0]!.trim();
  if (!first.startsWith("#!")) return false;
  const words = first.slice(2).trim().split(/\s+/);
  const program = words[0]?.split("/").pop();
  const interpreter = program === "env" ? words.find((word, index) => index > 0 && !word.startsWith("-")) : program;
  return interpreter !== undefined && SHELLS.has(interpreter);
}

export class UnsafeInsertion extends Error {}

/** `backticks`: how many old-style `…` substitutions enclose it (each strips one level of \\, \$ and \`). */
type Context = { kind: "word" | "double" | "single" | "heredoc" | "literal" | "comment"; delimiter?: string; backticks?: number };

export function quoteFor(context: Context, value: string): string {
  let quoted = quoteInContext(context, value);
  for (let level = 0; level < (context.backticks ?? 0); level += 1) quoted = quoted.replace(/[\\`$]/g, (c) => `\\${c}`);
  return quoted;
}

function quoteInContext(context: Context, value: string): string {
  if ((context.kind === "heredoc" || context.kind === "literal") && context.delimiter && value.split(/\r?\n/).some((line) => line.replace(/^\t+/, "") === context.delimiter)) {
    throw new UnsafeInsertion(`a line of the value equals the here-document's delimiter ${context.delimiter}, which would end it early`);
  }
  switch (context.kind) {
    case "word":
      return `'${value.replaceAll("'", `'\\''`)}'`;
    case "double":
      return value.replace(/[\\"$`]/g, (c) => `\\${c}`);
    case "single":
      return value.replaceAll("'", `'\\''`);
    case "heredoc":
      return value.replace(/[\\$`]/g, (c) => `\\${c}`);
    case "comment":
      return value.replace(/\r?\n/g, "\n# ");
    case "literal":
      return value;
  }
}

const INSERTION = /\$\{\{\s*([^}]+?)\s*\}\}/g;

/** Renders a shell script: each insertion (its inner text) escaped for where it stands. */
export function renderShellScript(script: string, value: (inner: string) => { text: string; raw: boolean }): string {
  let out = "";
  let last = 0;
  for (const { index, length, inner, context } of insertions(script)) {
    out += script.slice(last, index);
    const { text, raw } = value(inner);
    out += raw ? text : quoteFor(context, text);
    last = index + length;
  }
  return out + script.slice(last);
}

type Frame = { state: "normal" | "double" | "single" | "comment"; closer?: ")" | "`"; depth: number };
type Heredoc = { delimiter: string; quoted: boolean; stripTabs: boolean };

/** Every insertion with the shell context it stands in. */
function insertions(script: string): { index: number; length: number; inner: string; context: Context }[] {
  const found: { index: number; length: number; inner: string; context: Context }[] = [];
  // The innermost frame is last: a command substitution opens a new (unquoted) frame.
  const stack: Frame[] = [{ state: "normal", depth: 0 }];
  const top = () => stack[stack.length - 1]!;
  const pending: Heredoc[] = [];
  let heredoc: Heredoc | null = null;
  let lineStart = 0;
  let i = 0;
  while (i < script.length) {
    if (script.startsWith("${{", i)) {
      INSERTION.lastIndex = i;
      const match = INSERTION.exec(script);
      if (match && match.index === i) {
        const frame = top();
        const backticks = stack.filter((f) => f.closer === "`").length;
        const context: Context = heredoc
          ? { kind: heredoc.quoted ? "literal" : "heredoc", delimiter: heredoc.delimiter, backticks }
          : { kind: frame.state === "normal" ? "word" : frame.state, backticks };
        found.push({ index: i, length: match[0].length, inner: match[1]!, context });
        i += match[0].length;
        continue;
      }
    }
    const c = script[i]!;
    const frame = top();
    if (c === "\n") {
      if (heredoc) {
        const line = script.slice(lineStart, i);
        if ((heredoc.stripTabs ? line.replace(/^\t+/, "") : line) === heredoc.delimiter) heredoc = pending.shift() ?? null;
      } else {
        if (frame.state === "comment") frame.state = "normal";
        if (frame.state === "normal" && pending.length > 0) heredoc = pending.shift()!;
      }
      lineStart = i + 1;
      i += 1;
      continue;
    }
    if (heredoc) {
      i += 1;
      continue;
    }
    if (frame.state === "single") {
      if (c === "'") frame.state = "normal";
    } else if (frame.state === "double") {
      if (c === "\\") i += 1;
      else if (c === '"') frame.state = "normal";
      else if (script.startsWith("$(", i) && !script.startsWith("$((", i)) {
        stack.push({ state: "normal", closer: ")", depth: 0 });
        i += 2;
        continue;
      } else if (c === "`") {
        stack.push({ state: "normal", closer: "`", depth: 0 });
      }
    } else if (frame.state === "normal") {
      if (c === "\\") i += 1;
      else if (c === "'") frame.state = "single";
      else if (c === '"') frame.state = "double";
      else if (c === "#" && (i === 0 || /[\s;&|()]/.test(script[i - 1]!))) frame.state = "comment";
      else if (script.startsWith("$(", i) && !script.startsWith("$((", i)) {
        stack.push({ state: "normal", closer: ")", depth: 0 });
        i += 2;
        continue;
      } else if (c === "`") {
        if (frame.closer === "`") stack.pop();
        else stack.push({ state: "normal", closer: "`", depth: 0 });
      } else if (c === "(") frame.depth += 1;
      else if (c === ")") {
        if (frame.depth > 0) frame.depth -= 1;
        else if (frame.closer === ")") stack.pop();
      } else if (script.startsWith("<<", i) && !script.startsWith("<<<", i)) {
        const start = /^<<(-?)\s*(['"]?)([A-Za-z_][\w-]*)\2/.exec(script.slice(i));
        if (start) {
          pending.push({ delimiter: start[3]!, quoted: start[2] !== "", stripTabs: start[1] === "-" });
          i += start[0].length;
          continue;
        }
      }
    }
    i += 1;
  }
  return found;
}
