// What Postgres does with the statements Prisma sends: capture them while a call runs (the pg
// driver is the one place every statement passes), then EXPLAIN one with its own parameters and
// summarise the plan, so a test and the benchmark can say whether a deep page starts an index
// scan at its cursor or reads and sorts the table.
import pg from "pg";

export type Statement = { text: string; values: unknown[] };
export type PlanSummary = {
  /** "Index Scan Backward on Environment_teamId_createdAt_id_idx", ... in plan order. */
  scans: string[];
  /** A Sort above the table's scan: its rows were ordered after reading them, not read in order. */
  sorts: boolean;
  /** A sequential scan of the table. */
  seqScan: boolean;
  /** The index conditions of the table's index scans: where each scan starts and stops. */
  indexConditions: string[];
};

/** The statements the pg driver sent while `call` ran (this process, every pool). */
export async function captureStatements<T>(call: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
  const statements: Statement[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === "string") statements.push({ text: first, values: Array.isArray(second) ? second : [] });
    else if (first && typeof first === "object" && "text" in first) statements.push({ text: String(first.text), values: ("values" in first && Array.isArray(first.values) ? first.values : []) as unknown[] });
    return original.apply(this, args);
  };
  try {
    return { result: await call(), statements };
  } finally {
    proto.query = original;
  }
}

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; "Index Cond"?: string; "Scan Direction"?: string; Plans?: PlanNode[] };

/** EXPLAIN (FORMAT JSON) of a captured statement, summarised for the table `table`. */
export async function explainStatement(databaseUrl: string, statement: Statement, table: string): Promise<PlanSummary> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values);
    const summary: PlanSummary = { scans: [], sorts: false, seqScan: false, indexConditions: [] };
    /** Whether the node reads the table, itself or below. */
    const walk = (node: PlanNode): boolean => {
      // A bitmap index scan names its index but not its table: Prisma's index names start with the table's.
      const onTable = node["Relation Name"] === table || (node["Relation Name"] === undefined && node["Index Name"]?.startsWith(`${table}_`));
      if (onTable && node["Index Cond"]) summary.indexConditions.push(node["Index Cond"]);
      if (onTable) {
        if (node["Node Type"] === "Seq Scan") summary.seqScan = true;
        const direction = node["Scan Direction"] === "Backward" ? " Backward" : "";
        summary.scans.push(`${node["Node Type"]}${direction}${node["Index Name"] ? ` on ${node["Index Name"]}` : ""}`);
      }
      const below = (node.Plans ?? []).map(walk).some(Boolean);
      if ((node["Node Type"] === "Sort" || node["Node Type"] === "Incremental Sort") && below) summary.sorts = true;
      return onTable === true || below;
    };
    walk(rows[0]!["QUERY PLAN"][0].Plan);
    return summary;
  } finally {
    await client.end();
  }
}

/** The statement that reads the page's rows: the first SELECT from `table` with a LIMIT. */
export function pageStatement(statements: Statement[], table: string): Statement {
  const found = statements.find((s) => /^\s*SELECT/i.test(s.text) && s.text.includes(`FROM "public"."${table}"`) && /\bLIMIT\b/i.test(s.text) && !/^\s*SELECT COUNT\(/i.test(s.text));
  if (!found) throw new Error(`no page statement on ${table} among ${statements.length} statements:\n${statements.map((s) => s.text.slice(0, 200)).join("\n")}`);
  return found;
}
