import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../errors";
import { decodeCursor, encodeCursor, keysetPageOf, type Cursor } from "./keyset";

const key = z.tuple([z.number()]);
const ROWS = Array.from({ length: 7 }, (_, i) => i + 1);

/** What a query does: rows after (ascending) or before (descending) the key, limit + 1 of them. */
function fetch(cursor: Cursor<[number]> | null, limit: number): number[] {
  if (cursor?.direction === "before") return ROWS.filter((n) => n < cursor.key[0]).reverse().slice(0, limit + 1);
  return ROWS.filter((n) => cursor === null || n > cursor.key[0]).slice(0, limit + 1);
}

function page(cursorText: string | null, limit = 3) {
  const cursor = decodeCursor(cursorText ?? undefined, key);
  return keysetPageOf(fetch(cursor, limit), { limit, total: ROWS.length, cursor, keyOf: (n) => [n] as [number] });
}

describe("keyset pages", () => {
  it("walk forward to the end and back to the start by their cursors", () => {
    const first = page(null);
    expect([first.items, first.prevCursor]).toEqual([[1, 2, 3], null]);
    const second = page(first.nextCursor);
    expect(second.items).toEqual([4, 5, 6]);
    const last = page(second.nextCursor);
    expect([last.items, last.nextCursor]).toEqual([[7], null]);
    const back = page(last.prevCursor);
    expect(back.items).toEqual([4, 5, 6]);
    const start = page(back.prevCursor);
    expect([start.items, start.prevCursor]).toEqual([[1, 2, 3], null]);
    expect(page(start.nextCursor).items).toEqual([4, 5, 6]);
  });

  it("refuses a cursor that is not one of the list's as a 400 at `query.cursor`", () => {
    for (const bad of ["not-base64-json", encodeCursor({ direction: "after", key: ["a string"] }), Buffer.from("[\"x\",[1]]").toString("base64url")]) {
      let error: unknown;
      try {
        decodeCursor(bad, key);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).issues[0]?.path).toBe("query.cursor");
    }
  });

  it("accepts a cursor only with the list and order it was made for", () => {
    const mine = encodeCursor({ direction: "after", key: [3] }, "numbers:up");
    expect(decodeCursor(mine, key, "numbers:up")).toEqual({ direction: "after", key: [3] });
    for (const [text, sort] of [
      [mine, "numbers:down"],
      [encodeCursor({ direction: "after", key: [3] }), "numbers:up"],
      [mine, undefined],
    ] as const) {
      expect(() => decodeCursor(text, key, sort)).toThrow(AppError);
    }
  });
});
