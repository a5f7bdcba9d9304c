"use client";
import { useState } from "react";
import { callApi, type ApiResult } from "./api-client";

/** A button's call to the API: busy while it runs, the error to show when it fails. */
export function useApiAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async <T,>(url: string, init: Parameters<typeof callApi>[1]): Promise<ApiResult<T>> => {
    setBusy(true);
    setError(null);
    const result = await callApi<T>(url, init);
    setBusy(false);
    if (!result.ok) setError(result.message);
    return result;
  };
  return { busy, error, clearError: () => setError(null), run };
}
