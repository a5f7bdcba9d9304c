// Shell completion, generated from the command tree itself so it never lists a command or an
// option the CLI does not have: commands, subcommands and each command's options.
import { InvalidArgumentError, type Command } from "commander";
import type { Context } from "../context";
import { json } from "../format";
import { examples, withJson, type JsonOption } from "../options";

const SHELLS = ["bash", "zsh", "fish"] as const;
type Shell = (typeof SHELLS)[number];

export function registerCompletion(program: Command, ctx: Context): void {
  withJson(
    program
      .command("completion")
      .summary("print a shell completion script")
      .description("Print a completion script for bash, zsh or fish.")
      .argument("<shell>", SHELLS.join(", "), (value: string) => {
        if (!(SHELLS as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${SHELLS.join(", ")}`);
        return value as Shell;
      }),
  )
    .addHelpText("after", examples([["bash, for this session", "source <(hangar completion bash)"], ["zsh, in ~/.zshrc", 'source <(hangar completion zsh)'], ["fish", "hangar completion fish > ~/.config/fish/completions/hangar.fish"]]))
    .action((shell: Shell, options: JsonOption) => {
      const script = completionScript(program, shell);
      ctx.io.out(options.json ? json({ shell, script }) : script);
    });
}

type Node = { path: string[]; words: string[]; options: { flag: string; description: string }[]; commands: { name: string; description: string }[] };

function nodes(command: Command, path: string[] = []): Node[] {
  const visible = command.commands.filter((c) => c.name() !== "help");
  const options = command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f)).map((flag) => ({ flag, description: o.description }))).concat([{ flag: "--help", description: "show help" }]);
  const commands = visible.map((c) => ({ name: c.name(), description: c.summary() || c.description() }));
  const self: Node = { path, words: [...commands.map((c) => c.name), ...options.map((o) => o.flag)], options, commands };
  return [self, ...visible.flatMap((c) => nodes(c, [...path, c.name()]))];
}

export function completionScript(program: Command, shell: Shell): string {
  const all = nodes(program);
  if (shell === "fish") return fishScript(all);
  const cases = all.map((node) => `    "${node.path.join(" ")}") echo "${node.words.join(" ")}" ;;`).join("\n");
  const bash = `# hangar completion (bash): source <(hangar completion bash)
_hangar_words() {
  case "$1" in
${cases}
  esac
}
_hangar() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" i word
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ "$word" == -* ]] && continue
    # Only command names deepen the path; arguments (an environment's name) do not.
    [[ -n "$(_hangar_words "\${path:+$path }$word")" ]] && path="\${path:+$path }$word"
  done
  COMPREPLY=($(compgen -W "$(_hangar_words "$path")" -- "$cur"))
}
complete -F _hangar hangar
`;
  // zsh runs the bash function through its bash-completion emulation.
  return shell === "bash" ? bash : `#compdef hangar\n# hangar completion (zsh): source <(hangar completion zsh)\nautoload -U +X bashcompinit && bashcompinit\n${bash}`;
}

function fishScript(all: Node[]): string {
  const quote = (text: string) => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  const lines = ["# hangar completion (fish): hangar completion fish > ~/.config/fish/completions/hangar.fish", "complete -c hangar -f"];
  for (const node of all) {
    // At this node: every word of its path seen, and none of its own subcommands yet.
    const seen = node.path.map((word) => `__fish_seen_subcommand_from ${word}`);
    const notDeeper = node.commands.length > 0 ? [`not __fish_seen_subcommand_from ${node.commands.map((c) => c.name).join(" ")}`] : [];
    const condition = node.path.length === 0 ? ["__fish_use_subcommand"] : [...seen, ...notDeeper];
    const when = `-n ${quote(condition.join("; and "))}`;
    for (const c of node.commands) lines.push(`complete -c hangar ${when} -a ${c.name} -d ${quote(c.description)}`);
    for (const o of node.options) lines.push(`complete -c hangar ${when} ${o.flag.startsWith("--") ? `-l ${o.flag.slice(2)}` : `-s ${o.flag.slice(1)}`} -d ${quote(o.description)}`);
  }
  return `${lines.join("\n")}\n`;
}
