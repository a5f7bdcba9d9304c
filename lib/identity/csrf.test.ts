import { describe, expect, it } from "vitest";
import { csrfProblem, type CsrfInput } from "./csrf";

const ORIGIN = "https://hangar.example.com";
const base: CsrfInput = { method: "POST", origin: null, secFetchSite: null, contentType: "application/json", contentLength: "2", transferEncoding: null };
const check = (over: Partial<CsrfInput>) => csrfProblem({ ...base, ...over }, ORIGIN);

describe("csrfProblem", () => {
  it("lets safe methods through whatever their origin", () => {
    expect(check({ method: "GET", secFetchSite: "cross-site", origin: "https://evil.example" })).toBeNull();
  });

  it("accepts same-origin fetches and an Origin equal to HANGAR_URL", () => {
    expect(check({ secFetchSite: "same-origin" })).toBeNull();
    expect(check({ origin: ORIGIN })).toBeNull();
    expect(check({ method: "DELETE", origin: ORIGIN, contentType: null, contentLength: null })).toBeNull();
  });

  it("refuses foreign, sibling-subdomain, null and missing origins", () => {
    expect(check({ secFetchSite: "cross-site", origin: "https://evil.example" })?.status).toBe(403);
    expect(check({ secFetchSite: "same-site", origin: "https://other.example.com" })?.status).toBe(403);
    expect(check({ origin: "null" })?.message).toMatch(/Origin: null/);
    expect(check({})?.status).toBe(403);
    // Sec-Fetch-Site wins over a matching Origin: a browser said it was not same-origin.
    expect(check({ secFetchSite: "same-site", origin: ORIGIN })?.status).toBe(403);
  });

  it("refuses bodies that are not JSON, as a form or a no-preflight fetch would send", () => {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx"]) {
      expect(check({ secFetchSite: "same-origin", contentType })?.status).toBe(415);
    }
    expect(check({ secFetchSite: "same-origin", contentType: null, contentLength: "12" })?.status).toBe(415);
    expect(check({ secFetchSite: "same-origin", contentType: "application/json; charset=utf-8" })).toBeNull();
    expect(check({ secFetchSite: "same-origin", contentType: "application/merge-patch+json" })).toBeNull();
    expect(check({ secFetchSite: "same-origin", contentType: "application/yaml" })).toBeNull();
  });
});
