// What a CLI failure is, and the exit code it ends with. Exit codes are part of the CLI's
// contract with CI scripts: 0 success, 1 a failure (API refusal, failed run, unreachable server),
// 2 a usage error (the command line itself is wrong), 124 a --timeout that ran out (as timeout(1)).
export const EXIT = { ok: 0, failure: 1, usage: 2, timeout: 124 } as const;

export type Issue = { path: string; message: string };

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    readonly code: string = "failed",
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command line is wrong (missing option, bad value): exit 2, like commander's own errors. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage, "usage");
  }
}

/** The API answered with an error (4xx/5xx): its code, message and field paths. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    issues: Issue[] = [],
  ) {
    super(message, EXIT.failure, code, issues);
  }
}

/** A --timeout ran out while waiting. */
export class TimeoutError extends CliError {
  constructor(message: string) {
    super(message, EXIT.timeout, "timeout");
  }
}
