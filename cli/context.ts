// What every command gets: the outside world (Io) and a client for the server it is logged in
// to (or that HANGAR_URL / HANGAR_TOKEN name), made on first use so `--help` needs neither.
import { ApiClient } from "./client";
import { resolveTarget } from "./config";
import type { Io } from "./io";

export type Context = { io: Io; client: () => Promise<ApiClient> };

export function createContext(io: Io): Context {
  let client: Promise<ApiClient> | undefined;
  return { io, client: () => (client ??= resolveTarget(io.env, io.err).then((target) => new ApiClient(target))) };
}
