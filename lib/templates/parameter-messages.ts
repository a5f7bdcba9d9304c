// What a parameter problem says, for people: the form prints it after the field's label ("App
// replicas must be at most 5"), the API after its path (parameters.replicas). Ajv's own wording
// ("must be <= 5", "must be integer") reads as code; what it has no better word for stays Ajv's.
import type { ErrorObject } from "ajv";

const TYPE_WORDS: Record<string, string> = { integer: "a whole number", number: "a number", string: "text", boolean: "true or false", object: "an object", array: "a list" };
const MAX_LISTED = 10;

const plural = (count: unknown, word: string) => `${String(count)} ${word}${count === 1 ? "" : "s"}`;

/** The predicate of a sentence whose subject is the parameter ("… must be at most 5"). */
export function messageFor(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return "is not a parameter of this template";
    case "required": // the path names the missing parameter; Ajv's "must have required property 'x'" names it again
      return "is required";
    case "maximum":
      return `must be at most ${String(params.limit)}`;
    case "minimum":
      return `must be at least ${String(params.limit)}`;
    case "exclusiveMaximum":
      return `must be less than ${String(params.limit)}`;
    case "exclusiveMinimum":
      return `must be more than ${String(params.limit)}`;
    case "maxLength":
      return `must be at most ${plural(params.limit, "character")}`;
    case "minLength":
      return `must be at least ${plural(params.limit, "character")}`;
    case "pattern":
      return `must match ${String(params.pattern)}`;
    case "type": {
      const types = String(params.type).split(",").filter((t) => t !== "null");
      const words = types.map((t) => TYPE_WORDS[t] ?? t);
      return words.length > 0 ? `must be ${words.join(" or ")}` : (error.message ?? "is invalid");
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
      const listed = allowed.length > MAX_LISTED ? `${allowed.slice(0, MAX_LISTED).join(", ")} and ${allowed.length - MAX_LISTED} more` : allowed.join(", ");
      return `must be one of the allowed values: ${listed}`;
    }
    default:
      return error.message ?? "is invalid";
  }
}
