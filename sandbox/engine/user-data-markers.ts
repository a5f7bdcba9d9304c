// How a launch asks the sandbox to misbehave, so deployment failure paths are real: a marker in
// the instance's user data (e.g. a release config value rendered into it) such as
//   # hangar-sandbox: status-checks=fail http=500 http-delay=5s
// Only the parsed behaviour is kept on the instance, never the user data itself.

export interface InstanceBehaviour {
  /** "fail": the instance status check turns `impaired` instead of `ok` once initializing ends. */
  statusChecks: "ok" | "fail";
  /** Status the simulated HTTP endpoint answers with (any path, any port). */
  httpStatus: number;
  /** Added before every simulated HTTP answer. */
  httpDelayMs: number;
}

export const defaultBehaviour = (): InstanceBehaviour => ({ statusChecks: "ok", httpStatus: 200, httpDelayMs: 0 });

/** Longest delay a marker may ask for; anything above is clamped. */
export const MAX_HTTP_DELAY_MS = 120_000;

const MARKER_RE = /hangar-sandbox:([^\n\r"'`]*)/g;

function parseDelay(value: string): number | undefined {
  const match = /^(\d{1,9})(ms|s)?$/.exec(value);
  if (match === null) return undefined;
  const amount = Number(match[1]);
  return Math.min(MAX_HTTP_DELAY_MS, match[2] === "ms" ? amount : amount * 1000);
}

/**
 * Reads every `hangar-sandbox:` marker in the (decoded) user data, wherever it sits on a line, so
 * it works as a shell comment, inside a quoted env value or in a YAML field. Tokens are
 * `key=value`, separated by spaces or commas; unknown keys and bad values are ignored (a launch
 * never fails because of a marker), and a later marker wins over an earlier one.
 */
export function parseBehaviour(userData: string | undefined): InstanceBehaviour {
  const behaviour = defaultBehaviour();
  if (userData === undefined || !userData.includes("hangar-sandbox:")) return behaviour;
  for (const marker of userData.matchAll(MARKER_RE)) {
    for (const token of (marker[1] ?? "").split(/[\s,]+/)) {
      const [key, value = ""] = token.split("=", 2);
      if (key === "status-checks" && (value === "fail" || value === "ok")) behaviour.statusChecks = value;
      else if (key === "http" && /^[1-5]\d\d$/.test(value)) behaviour.httpStatus = Number(value);
      else if (key === "http-delay") behaviour.httpDelayMs = parseDelay(value) ?? behaviour.httpDelayMs;
    }
  }
  return behaviour;
}

/** Decodes RunInstances' base64 UserData (already validated) and parses its markers. */
export function behaviourFromUserData(base64: string | undefined): InstanceBehaviour {
  return parseBehaviour(base64 === undefined ? undefined : Buffer.from(base64, "base64").toString("utf8"));
}
