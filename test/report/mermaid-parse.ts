/**
 * A small reader for the Mermaid flowcharts `renderDiagram` writes, so tests check the
 * picture (which node sits in which subgraph, which edges exist) rather than the model.
 * Understands: `subgraph id["title"]` … `end`, nodes `id["…"]`, `id(["…"])`, `id[("…")]`,
 * `id(("…"))`, and edges `a --> b`, `a -.-> b`, optionally with `|"label"|`.
 */
export interface ParsedNode {
  readonly id: string;
  /** Label with entity codes decoded and `<br/>` as newlines. */
  readonly label: string;
  /** Titles of the enclosing subgraphs, outermost first. */
  readonly path: readonly string[];
  /** Ids of the enclosing subgraphs, outermost first. */
  readonly groups: readonly string[];
}

export interface ParsedEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly dotted: boolean;
}

export interface ParsedChart {
  readonly header: string;
  readonly nodes: readonly ParsedNode[];
  readonly subgraphs: ReadonlyMap<string, { title: string; path: readonly string[] }>;
  readonly edges: readonly ParsedEdge[];
}

export function decode(text: string): string {
  return text.replace(/<br\/>/g, "\n").replace(/#quot;/g, "\"").replace(/#lt;/g, "<").replace(/#gt;/g, ">")
    .replace(/#96;/g, "`").replace(/#124;/g, "|").replace(/#35;/g, "#");
}

export function parseMermaid(text: string): ParsedChart {
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const header = lines.shift() ?? "";
  const stack: { id: string; title: string }[] = [];
  const nodes: ParsedNode[] = [];
  const subgraphs = new Map<string, { title: string; path: string[] }>();
  const edges: ParsedEdge[] = [];
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = /^subgraph (\w+)\["([^"]*)"\]$/.exec(line))) {
      if (subgraphs.has(m[1]!)) throw new Error(`subgraph ${m[1]} declared twice`);
      subgraphs.set(m[1]!, { title: decode(m[2]!), path: stack.map((s) => s.title) });
      stack.push({ id: m[1]!, title: decode(m[2]!) });
    } else if (line === "end") {
      if (!stack.pop()) throw new Error("unbalanced end");
    } else if (/^direction (LR|TB|RL|BT)$/.test(line)) {
      // layout only
    } else if ((m = /^(\w+) (-->|-\.->)(?:\|"([^"]*)"\|)? (\w+)$/.exec(line))) {
      edges.push({ from: m[1]!, to: m[4]!, ...(m[3] !== undefined ? { label: decode(m[3]) } : {}), dotted: m[2] === "-.->" });
    } else if ((m = /^(\w+)(?:\["([^"]*)"\]|\(\["([^"]*)"\]\)|\[\("([^"]*)"\)\]|\(\("([^"]*)"\)\))$/.exec(line))) {
      nodes.push({ id: m[1]!, label: decode(m[2] ?? m[3] ?? m[4] ?? m[5]!), path: stack.map((s) => s.title), groups: stack.map((s) => s.id) });
    } else {
      throw new Error(`unexpected Mermaid line: ${line}`);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed subgraph ${stack.map((s) => s.id).join(" > ")}`);
  return { header, nodes, subgraphs, edges };
}
