// Commands take an environment's id or its name. A name is unique among a team's live
// environments, so it is looked up among the live ones the caller can see; the same name in
// two teams is ambiguous and the id (or --team) settles it.
import type { ApiClient } from "./client";
import { CliError } from "./errors";
import type { EnvironmentDetail, EnvironmentSummary } from "./api-types";
import { listAll } from "./lists";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function resolveEnvironmentId(client: ApiClient, reference: string, team?: string): Promise<string> {
  if (UUID.test(reference)) return reference;
  const { items } = await listAll<EnvironmentSummary>(client, "/api/v1/environments", { search: reference, state: "active", team }, { all: true, max: 500 });
  const matches = items.filter((environment) => environment.name === reference);
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length === 0) throw new CliError(`No live environment named ${reference}${team ? ` in team ${team}` : ""} (see \`hangar env list\`)`, 1, "not_found");
  throw new CliError(`${matches.length} environments are named ${reference} (teams ${matches.map((m) => m.team.slug).join(", ")}): give the id or --team`, 1, "ambiguous");
}

export async function fetchEnvironment(client: ApiClient, reference: string, team?: string): Promise<EnvironmentDetail> {
  const id = await resolveEnvironmentId(client, reference, team);
  return client.get<EnvironmentDetail>(`/api/v1/environments/${encodeURIComponent(id)}`);
}
