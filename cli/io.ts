// Everything the CLI touches outside itself, passed in so tests run commands in-process with
// their own streams, environment, stdin and clock (and the real `fetch` against a real server).
import { createInterface } from "node:readline";

/** Environment variables, as the CLI reads them (process.env in the binary). */
export type Env = Record<string, string | undefined>;

export type Io = {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Env;
  /** Interactive: prompts and confirmations are allowed. */
  isTty: boolean;
  /** Everything on standard input (a token piped in by CI). */
  readStdin: () => Promise<string>;
  /** Asks a question on the terminal; `hidden` does not echo what is typed (a token). */
  prompt: (question: string, options?: { hidden?: boolean }) => Promise<string>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
};

export function processIo(): Io {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    env: process.env,
    isTty: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    prompt: (question, options = {}) => promptTty(question, options.hidden ?? false),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
  };
}

function promptTty(question: string, hidden: boolean): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  if (hidden) {
    // readline echoes through _writeToOutput; keep the question, drop what is typed.
    const internal = rl as unknown as { _writeToOutput: (text: string) => void };
    internal._writeToOutput = (text: string) => {
      if (text.includes(question) || text === "\r\n" || text === "\n") process.stderr.write(text);
    };
  }
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write("\n");
      resolve(answer.trim());
    });
  });
}
