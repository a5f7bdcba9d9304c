import "server-only";
// Pages map lib/'s errors the way the API's errorResponse does, in one place: what would be a
// 404 (not found, or not yours) or a 400 for a malformed id shows the page's not-found view;
// anything else reaches the route's error.tsx (with a reference for the server logs).
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

export function orNotFound<T>(load: Promise<T>): Promise<T> {
  return load.catch((error: unknown) => {
    if (error instanceof AppError && (error.status === 404 || error.status === 400)) notFound();
    throw error;
  });
}
