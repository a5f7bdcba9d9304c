// The template format as JSON Schema, generated from the same zod schema the server validates
// with, so editors (VS Code's YAML extension: `# yaml-language-server: $schema=<url>`) check and
// complete templates in the team's repository exactly as Hangar will.
import { z } from "zod";
import { templateSpecSchema } from "./template-spec";

let cached: Record<string, unknown> | undefined;

export function templateJsonSchema(): Record<string, unknown> {
  cached ??= {
    ...z.toJSONSchema(templateSpecSchema, { io: "input", unrepresentable: "any" }),
    $id: "https://hangar.dev/schemas/template.json",
    title: "Hangar environment template",
    description:
      "An environment blueprint: parameters (JSON Schema), lease, instance groups and outputs. Strings may reference ${{ params.<name> }}, ${{ env.id|name|region|team }}, and in outputs ${{ instances.<group>[i].publicIp|privateIp|publicDns|privateDns|id|type|zone }}.",
  };
  return cached;
}
