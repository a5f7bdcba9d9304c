// Proves prisma/migrations and prisma/schema.prisma describe the same database. `prisma migrate
// diff` needs the schema engine, which cannot be downloaded here, so this compares Prisma's
// own parse of the schema (DMMF, from the official prisma-schema-wasm) with the catalog of a
// database built only from the migrations: tables, columns (type, nullability, default),
// enums, primary keys, unique and plain indexes (with Prisma's names), and foreign keys
// (with their referential actions).
import { readFileSync } from "node:fs";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./helpers/database";

type Field = {
  name: string;
  kind: "scalar" | "enum" | "object";
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  hasDefaultValue: boolean;
  isUpdatedAt: boolean;
  default?: { name: string } | string | number | boolean;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
};
type Model = { name: string; dbName: string | null; fields: Field[]; primaryKey: { fields: string[] } | null };
type Dmmf = {
  datamodel: {
    models: Model[];
    enums: { name: string; values: { name: string }[] }[];
    indexes: { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[]; dbName?: string | null }[];
  };
};

const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: readFileSync("prisma/schema.prisma", "utf8") }))) as Dmmf;
const models = dmmf.datamodel.models;
const SQL_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Float: "double precision",
};

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await database?.drop();
});

async function rows<T>(sql: string): Promise<T[]> {
  return (await client.query(sql)).rows as T[];
}

describe("migrations agree with schema.prisma", () => {
  it("has exactly the models' tables", async () => {
    const tables = await rows<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    expect(tables.map((t) => t.table_name).sort()).toEqual(models.map((m) => m.dbName ?? m.name).sort());
  });

  it("has exactly the enums and their values, in order", async () => {
    const found = await rows<{ name: string; values: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    const actual = Object.fromEntries(found.map((e) => [e.name, e.values]));
    const expected = Object.fromEntries(dmmf.datamodel.enums.map((e) => [e.name, e.values.map((v) => v.name)]));
    expect(actual).toEqual(expected);
  });

  it.each(models.map((m) => [m.name, m] as const))("%s: columns match type, nullability and defaults", async (_name, model) => {
    const columns = await rows<{ column_name: string; type: string; not_null: boolean; has_default: boolean }>(`
      SELECT a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null, a.atthasdef AS has_default
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = '${model.dbName ?? model.name}' AND a.attnum > 0 AND NOT a.attisdropped`);
    const actual = Object.fromEntries(columns.map((c) => [c.column_name, { type: c.type, notNull: c.not_null, hasDefault: c.has_default }]));
    const expected = Object.fromEntries(
      model.fields
        .filter((f) => f.kind !== "object")
        .map((f) => {
          const base = f.kind === "enum" ? `"${f.type}"` : SQL_TYPES[f.type];
          // Prisma stores scalar lists as nullable arrays; @updatedAt is set by the client, not SQL.
          const hasDefault = f.hasDefaultValue && !f.isUpdatedAt && !(f.default && typeof f.default === "object" && ["uuid", "cuid"].includes(f.default.name));
          return [f.name, { type: f.isList ? `${base}[]` : base, notNull: f.isRequired && !f.isList, hasDefault }];
        }),
    );
    expect(actual).toEqual(expected);
  });

  it("has the primary keys, unique and plain indexes, with Prisma's names", async () => {
    const indexes = await rows<{ table: string; name: string; unique: boolean; primary: boolean; columns: string[] }>(`
      SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
             array_agg(a.attname ORDER BY k.ordinality)::text[] AS columns
      FROM pg_index ix
      JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ordinality) ON true
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
      GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary`);
    const actual = indexes.map((i) => `${i.table} ${i.primary ? "pk" : i.unique ? "unique" : "index"} ${i.name} (${i.columns.join(",")})`).sort();
    const expected = dmmf.datamodel.indexes
      .map((index) => {
        const table = models.find((m) => m.name === index.model)!;
        const tableName = table.dbName ?? table.name;
        const columns = index.fields.map((f) => f.name);
        const kind = index.type === "id" ? "pk" : index.type === "unique" ? "unique" : "index";
        const suffix = index.type === "id" ? "pkey" : index.type === "unique" ? "key" : "idx";
        const name = index.dbName ?? (index.type === "id" ? `${tableName}_pkey` : `${tableName}_${columns.join("_")}_${suffix}`);
        return `${tableName} ${kind} ${name} (${columns.join(",")})`;
      })
      .sort();
    expect(actual).toEqual(expected);
  });

  it("has the foreign keys with Prisma's referential actions", async () => {
    const keys = await rows<{ name: string; table: string; columns: string[]; ref_table: string; ref_columns: string[]; on_delete: string; on_update: string }>(`
      SELECT c.conname AS name, t.relname AS table, r.relname AS ref_table,
        (SELECT array_agg(a.attname ORDER BY k.o)::text[] FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS columns,
        (SELECT array_agg(a.attname ORDER BY k.o)::text[] FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS ref_columns,
        c.confdeltype AS on_delete, c.confupdtype AS on_update
      FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid WHERE c.contype = 'f'`);
    const ACTION: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };
    const actual = keys.map((k) => `${k.name}: ${k.table}(${k.columns.join(",")}) -> ${k.ref_table}(${k.ref_columns.join(",")}) delete ${ACTION[k.on_delete]} update ${ACTION[k.on_update]}`).sort();
    const expected = models
      .flatMap((model) =>
        model.fields
          .filter((f) => f.kind === "object" && f.relationFromFields && f.relationFromFields.length > 0)
          .map((f) => {
            const table = model.dbName ?? model.name;
            const target = models.find((m) => m.name === f.type)!;
            const required = f.relationFromFields!.every((name) => model.fields.find((x) => x.name === name)?.isRequired);
            const onDelete = f.relationOnDelete ?? (required ? "Restrict" : "SetNull");
            return `${table}_${f.relationFromFields!.join("_")}_fkey: ${table}(${f.relationFromFields!.join(",")}) -> ${target.dbName ?? target.name}(${f.relationToFields!.join(",")}) delete ${onDelete} update Cascade`;
          }),
      )
      .sort();
    expect(actual).toEqual(expected);
  });
});
