"use client";
import { useState } from "react";
import { isSettled, type EnvironmentJson, type LogLineJson } from "./types";
import { useEnvironmentEvents } from "./use-environment-events";

/** The environment as its event stream says it is now (each `snapshot` is the whole environment), and its log. */
export function useEnvironmentStream(initial: EnvironmentJson, initialLogs: LogLineJson[]) {
  const [environment, setEnvironment] = useState(initial);
  const { logs, connection } = useEnvironmentEvents({
    environmentId: initial.id,
    initialLogs,
    startSettled: isSettled(initial),
    settled: isSettled(environment),
    onSnapshot: (data) => setEnvironment(JSON.parse(data) as EnvironmentJson),
  });
  return { environment, logs, connection };
}
