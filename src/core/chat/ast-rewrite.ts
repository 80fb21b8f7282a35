/**
 * Rewrites the library's AST so our interpreter can apply Python semantics where the library's own
 * evaluation of a node would diverge, without touching the library:
 *
 * - every expression printed by a block (`{{ x }}`, and text) becomes a `PyOutput` node: Python prints
 *   `str(x)` (`None`, `True`, `['a']`), and we count output for the size limit;
 * - every `for` iterable becomes a `PyIter` node: Python iterates `Undefined` as empty and strings by
 *   character, and unpacks tuples (`for k, v in [("a", 1)]`), which the library rejects.
 *
 * It also collects the filter and test names used, because Jinja2 rejects unknown ones at compile time.
 */
import type { Node, Program } from './py-values';

export interface PyOutputNode { type: 'PyOutput'; expr: Node }
export interface PyIterNode { type: 'PyIter'; expr: Node; unpack: boolean }

const STATEMENTS = new Set(['Set', 'If', 'For', 'Macro', 'CallStatement', 'FilterStatement', 'Break', 'Continue', 'Comment', 'Program']);
const BLOCK_FIELDS = ['body', 'alternate', 'defaultBlock'] as const;

type AnyNode = Node & Record<string, unknown>;

/** Names used outside `if` bodies / conditional expressions (Jinja2 defers checking the others to runtime). */
export interface Names { filters: Set<string>; tests: Set<string> }

export function rewrite(program: Program): Names {
  const names: Names = { filters: new Set(), tests: new Set() };
  visit(program as unknown as AnyNode, names, false);
  return names;
}

function wrapBlock(stmts: Node[]): Node[] {
  return stmts.map((s) => (STATEMENTS.has(s.type) ? s : ({ type: 'PyOutput', expr: s } as PyOutputNode as unknown as Node)));
}

function visit(node: unknown, names: Names, soft: boolean): void {
  if (Array.isArray(node)) {
    node.forEach((n) => visit(n, names, soft));
    return;
  }
  if (node instanceof Map) {
    for (const [k, v] of node) { visit(k, names, soft); visit(v, names, soft); }
    return;
  }
  if (!node || typeof node !== 'object' || typeof (node as { type?: unknown }).type !== 'string') return;
  const n = node as AnyNode;
  if (n.type === 'FilterExpression' || n.type === 'FilterStatement') {
    const f = n.filter as AnyNode;
    const id = f.type === 'CallExpression' ? (f.callee as AnyNode) : f;
    if (id.type === 'Identifier' && !soft) names.filters.add(id.value as string);
  }
  if (n.type === 'TestExpression' && !soft) names.tests.add((n.test as AnyNode).value as string);
  if (n.type === 'For') {
    const unpack = (n.loopvar as AnyNode).type === 'TupleLiteral';
    const it = n.iterable as AnyNode;
    if (it.type === 'SelectExpression') it.lhs = { type: 'PyIter', expr: it.lhs, unpack } as PyIterNode;
    else n.iterable = { type: 'PyIter', expr: it, unpack } as PyIterNode;
  }
  for (const f of BLOCK_FIELDS) {
    if (Array.isArray(n[f])) n[f] = wrapBlock(n[f] as Node[]);
  }
  // Jinja2 compiles `if` bodies and conditional-expression branches in a "soft" frame: unknown names fail at runtime
  const softKeys = n.type === 'If' ? ['body', 'alternate'] : n.type === 'Ternary' ? ['trueExpr', 'falseExpr'] : [];
  for (const [key, child] of Object.entries(n)) {
    if (key !== 'type') visit(child, names, soft || softKeys.includes(key));
  }
}
