// EC2 Query parameters arrive flattened (`TagSpecification.1.Tag.2.Key=x`). They are folded into a
// tree once so each action reads lists and nested structures without rescanning every key.
import { errors } from "./ec2-error";

interface ParamNode {
  value?: string;
  children?: Map<string, ParamNode>;
}

export interface Filter {
  name: string;
  values: string[];
}

export class QueryParams {
  private constructor(private readonly root: ParamNode) {}

  static fromEntries(entries: Iterable<[string, string]>): QueryParams {
    const root: ParamNode = {};
    for (const [key, value] of entries) {
      let current = root;
      for (const part of key.split(".")) {
        current.children ??= new Map();
        let next = current.children.get(part);
        if (next === undefined) {
          next = {};
          current.children.set(part, next);
        }
        current = next;
      }
      current.value = value;
    }
    return new QueryParams(root);
  }

  private child(name: string): ParamNode | undefined {
    return this.root.children?.get(name);
  }

  has(name: string): boolean {
    return this.child(name) !== undefined;
  }

  string(name: string): string | undefined {
    return this.child(name)?.value;
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === "") throw errors.missing(name);
    return value;
  }

  int(name: string): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    if (!/^-?\d{1,15}$/.test(raw.trim())) throw errors.badValue(name, raw);
    return Number(raw.trim());
  }

  bool(name: string): boolean {
    const raw = this.string(name);
    if (raw === undefined) return false;
    if (raw !== "true" && raw !== "false") throw errors.badValue(name, raw);
    return raw === "true";
  }

  /** Child nodes of `name` keyed by their list index, in index order. */
  private indexed(name: string): ParamNode[] {
    const children = this.child(name)?.children;
    if (children === undefined) return [];
    return [...children.entries()]
      .filter(([index]) => /^\d+$/.test(index))
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, n]) => n);
  }

  /** `Name.1=a&Name.2=b` -> ['a', 'b']. */
  list(name: string): string[] {
    return this.indexed(name).flatMap((n) => (n.value === undefined ? [] : [n.value]));
  }

  /** `Name.1.X=..&Name.2.X=..` -> one QueryParams per index. */
  structs(name: string): QueryParams[] {
    return this.indexed(name).map((n) => new QueryParams(n));
  }

  /** `Name.X=..` -> QueryParams over the X keys. */
  sub(name: string): QueryParams {
    return new QueryParams(this.child(name) ?? {});
  }

  filters(): Filter[] {
    return this.structs("Filter").map((f) => ({ name: f.string("Name") ?? "", values: f.list("Value") }));
  }

  tags(name = "Tag"): { key: string; value: string | undefined }[] {
    return this.structs(name).map((t) => ({ key: t.string("Key") ?? "", value: t.string("Value") }));
  }

  /** Stable text form of all parameters except `exclude`, used to compare idempotent requests. */
  canonical(exclude: readonly string[]): string {
    const out: string[] = [];
    const walk = (n: ParamNode, prefix: string): void => {
      if (n.value !== undefined) out.push(`${prefix}=${n.value}`);
      if (n.children === undefined) return;
      for (const [key, childNode] of n.children) {
        const path = prefix === "" ? key : `${prefix}.${key}`;
        if (prefix === "" && exclude.includes(key)) continue;
        walk(childNode, path);
      }
    };
    walk(this.root, "");
    return out.sort().join("&");
  }
}
