import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { csvField, csvRecord } from "./csv";

/** A strict RFC 4180 reader, to prove what csvRecord writes reads back as the same fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quote");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
    }
    if (text.startsWith("\r\n", i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else if (text[i] === ",") {
      record.push(field);
      field = "";
      i += 1;
    } else if (i < text.length) {
      if (text[i] === '"' || text[i] === "\r" || text[i] === "\n") throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
      field += text[i];
      i += 1;
    }
  }
  if (field !== "" || record.length > 0) throw new Error("last record not ended by CRLF");
  return records;
}

describe("csvField", () => {
  it("leaves plain text alone and quotes commas, quotes, CR and LF", () => {
    expect(csvField("web")).toBe("web");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
  });

  it("writes empty for null, ISO for dates, digits for numbers", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(new Date("2026-12-01T10:00:00.000Z"))).toBe("2026-12-01T10:00:00.000Z");
    expect(csvField(-12)).toBe("-12");
    expect(csvField(true)).toBe("true");
  });

  it("keeps a spreadsheet from running text as a formula", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-1")).toBe("'-1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("=a,b")).toBe(`"'=a,b"`);
  });
});

describe("csvRecord", () => {
  it("ends each record with CRLF", () => {
    expect(csvRecord(["a", 1, null])).toBe("a,1,\r\n");
  });

  it("reads back as the same fields, whatever the text holds", () => {
    const text = fc.string({ unit: fc.constantFrom("a", ",", '"', "\r", "\n", " ", "é", "x") });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const safe = rows.map((row) => row.map((value) => value.replace(/^[\r]/, "x")));
        const parsed = parseCsv(safe.map((row) => csvRecord(row)).join(""));
        expect(parsed).toEqual(safe);
      }),
    );
  });
});
