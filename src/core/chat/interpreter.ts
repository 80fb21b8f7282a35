/**
 * The library's interpreter with Python Jinja2 semantics where chat templates need them, plus guards.
 *
 * `Interpreter.evaluate` is public and every node evaluation goes through it, so overriding it lets us:
 * - evaluate the nodes whose library semantics diverge from Python (output, operators, member access, calls,
 *   filters, tests, dict literals, loop iterables) with our own Python-faithful code (py-*.ts);
 * - count steps and nesting depth, so `range(10**9)` loops and runaway macro recursion stop with a
 *   'limit' error instead of hanging the worker (the worker still enforces a wall-clock timeout);
 * - record the names that resolved to Undefined (for the "undefined variable" lint).
 * Statements (if/for/set/macro/call) keep the library's evaluation.
 */
import { type Environment, Interpreter } from '@huggingface/jinja';
import type { PyIterNode, PyOutputNode } from './ast-rewrite';
import { lookup, requireIterable } from './py-access';
import { applyFilter } from './py-filters';
import { PyError, pyStr } from './py-format';
import { callMethod } from './py-methods';
import { SizeLimitError, binary, dictKey, undefinedError } from './py-ops';
import { applyTest } from './py-tests';
import {
  type Node, type Value, bool, dictWithKeys, int, isDict, isFn, isList, isStr, isTuple, isUndef, kwargsValue, list, str, truthy, undef,
} from './py-values';

export interface Limits {
  /** Characters of output (and of any string built by an operator). */
  maxOutputChars: number;
  /** Node evaluations: a proxy for time that the template cannot escape. */
  maxSteps: number;
  /** Nested evaluations (macro recursion). */
  maxDepth: number;
}

export const DEFAULT_LIMITS: Limits = { maxOutputChars: 10 * 1024 * 1024, maxSteps: 5_000_000, maxDepth: 600 };

export class LimitError extends Error {}

type N = Node & Record<string, unknown>;
type Env = Environment;

export class PyInterpreter extends Interpreter {
  private steps = 0;
  private depth = 0;
  private output = 0;
  /** Depth of "probe" evaluation (`x is defined`, `x | default`), where an Undefined is expected, not a mistake. */
  private probing = 0;
  readonly undefinedNames = new Set<string>();

  constructor(env: Env, private readonly limits: Limits) {
    super(env);
  }

  override evaluate(statement: Node | undefined, environment: Env): ReturnType<Interpreter['evaluate']> {
    if (!statement) return super.evaluate(statement, environment);
    if (++this.steps > this.limits.maxSteps) throw new LimitError(`the template ran more than ${this.limits.maxSteps} steps`);
    if (++this.depth > this.limits.maxDepth) throw new LimitError(`the template nested deeper than ${this.limits.maxDepth} levels (runaway recursion?)`);
    try {
      return this.dispatch(statement as N, environment) as never;
    } catch (e) {
      if (e instanceof SizeLimitError) throw new LimitError(e.message);
      if (e instanceof RangeError && /call stack/i.test(e.message)) throw new LimitError('the template recursed too deeply');
      throw e;
    } finally {
      this.depth--;
    }
  }

  private ev(node: unknown, env: Env): Value {
    return this.evaluate(node as Node, env) as unknown as Value;
  }

  private dispatch(n: N, env: Env): Value {
    switch (n.type) {
      case 'PyOutput': return this.evalOutput(n as unknown as PyOutputNode, env);
      case 'PyIter': return this.evalIter(n as unknown as PyIterNode, env);
      case 'Identifier': {
        const v = super.evaluate(n, env) as unknown as Value;
        if (isUndef(v) && this.probing === 0) this.undefinedNames.add(n.value as string);
        return v;
      }
      case 'BinaryExpression': return this.evalBinary(n, env);
      case 'MemberExpression': return this.evalMember(n, env);
      case 'CallExpression': return this.evalCall(n, env);
      case 'FilterExpression': return this.evalFilter(n.filter as N, () => this.probe(n.operand, env, isDefaultFilter(n.filter as N)), env);
      case 'FilterStatement': return this.evalFilter(n.filter as N, () => str(this.renderBlock(n.body as Node[], env)), env);
      case 'TestExpression': {
        const name = (n.test as N).value as string;
        const v = this.probe(n.operand, env, name === 'defined' || name === 'undefined');
        const r = applyTest(name, v, []);
        return bool(n.negate ? !r : r);
      }
      case 'UnaryExpression': {
        if ((n.operator as { value: string }).value !== 'not') break;
        return bool(!truthy(this.ev(n.argument, env)));
      }
      case 'ObjectLiteral': {
        const m = new Map<string, Value>();
        const keys = new Map<string, Value>();
        for (const [k, v] of n.value as Map<Node, Node>) {
          const key = this.ev(k, env);
          m.set(dictKey(key), this.ev(v, env));
          keys.set(dictKey(key), key);
        }
        return dictWithKeys(m, keys);
      }
      case 'Ternary': return truthy(this.ev(n.condition, env)) ? this.ev(n.trueExpr, env) : this.ev(n.falseExpr, env);
    }
    return super.evaluate(n, env) as unknown as Value;
  }

  private probe(node: unknown, env: Env, probing: boolean): Value {
    if (!probing) return this.ev(node, env);
    this.probing++;
    try {
      return this.ev(node, env);
    } finally {
      this.probing--;
    }
  }

  private countOutput(chars: number): void {
    this.output += chars;
    if (this.output > this.limits.maxOutputChars) throw new LimitError(`the output exceeds ${this.limits.maxOutputChars} characters`);
  }

  private evalOutput(n: PyOutputNode, env: Env): Value {
    const v = this.ev(n.expr, env);
    const s = pyStr(v);
    this.countOutput(s.length);
    return str(s);
  }

  private evalIter(n: PyIterNode, env: Env): Value {
    const v = this.ev(n.expr, env);
    const result = this.iterable(n, v);
    // the library sets up every iteration before running the body: charge one step per item up front
    this.steps += (result.value as Value[]).length;
    if (this.steps > this.limits.maxSteps) throw new LimitError(`the template ran more than ${this.limits.maxSteps} steps`);
    return result;
  }

  private iterable(n: PyIterNode, v: Value): Value {
    if (isUndef(v)) return list([]);
    if (isStr(v)) return list(Array.from(v.value, (c) => str(c)));
    if (isDict(v) || isList(v)) {
      // the library unpacks only lists: hand it tuples as lists when the loop unpacks
      const items = requireIterable(v, 'for');
      return list(n.unpack ? items.map((x) => (isTuple(x) ? list(x.value) : x)) : items);
    }
    throw new PyError(`TypeError: '${pyStr(v) === 'None' ? 'NoneType' : 'value'}' object is not iterable`);
  }

  private renderBlock(stmts: Node[], env: Env): string {
    let s = '';
    for (const st of stmts) {
      const v = this.ev(st, env);
      if (isStr(v)) s += v.value;
    }
    return s;
  }

  private evalBinary(n: N, env: Env): Value {
    const op = (n.operator as { value: string }).value;
    const left = this.ev(n.left, env);
    if (op === 'and') return truthy(left) ? this.ev(n.right, env) : left;
    if (op === 'or') return truthy(left) ? left : this.ev(n.right, env);
    return binary(op, left, this.ev(n.right, env));
  }

  /** Evaluate `obj.prop` / `obj[key]`; returns [object, key, result-or-null-for-method]. */
  private member(n: N, env: Env): { obj: Value; key: Value; value: Value | null } {
    const obj = this.ev(n.object, env);
    const prop = n.property as N;
    if (prop.type === 'SliceExpression') return { obj, key: str(''), value: super.evaluate(n, env) as unknown as Value };
    const key = n.computed ? this.ev(prop, env) : prop.type === 'IntegerLiteral' ? int(prop.value as number) : str(prop.value as string);
    const value = lookup(obj, key, !n.computed, () => describe(n.object as N));
    return { obj, key, value };
  }

  private evalMember(n: N, env: Env): Value {
    const { obj, key, value } = this.member(n, env);
    if (value !== null) return value;
    // a method referenced without a call: the library's builtin (if any) or Undefined
    const builtin = isStr(key) ? obj.builtins.get(key.value) : undefined;
    return (builtin as Value | undefined) ?? undef();
  }

  private args(nodes: Node[], env: Env): [Value[], Map<string, Value>] {
    const pos: Value[] = [];
    const kw = new Map<string, Value>();
    for (const a of nodes as N[]) {
      if (a.type === 'KeywordArgumentExpression') kw.set((a.key as N).value as string, this.ev(a.value, env));
      else if (a.type === 'SpreadExpression') {
        const v = this.ev(a.argument, env);
        if (!isList(v)) throw new PyError('TypeError: argument after * must be an iterable');
        pos.push(...v.value);
      } else if (a.type === 'KeywordSpreadExpression') {
        const v = this.ev(a.argument, env);
        if (!isDict(v)) throw new PyError('TypeError: argument after ** must be a mapping');
        for (const [k, x] of v.value) kw.set(k, x);
      } else pos.push(this.ev(a, env));
    }
    return [pos, kw];
  }

  private evalCall(n: N, env: Env): Value {
    const callee = n.callee as N;
    let fnValue: Value;
    if (callee.type === 'MemberExpression') {
      const { obj, key, value } = this.member(callee, env);
      if (value === null) {
        const [pos, kw] = this.args(n.args as Node[], env);
        return callMethod(obj, (key as { value: string }).value, pos, kw);
      }
      fnValue = value;
    } else {
      fnValue = this.ev(callee, env);
    }
    const [pos, kw] = this.args(n.args as Node[], env);
    if (isUndef(fnValue)) throw undefinedError(fnValue, `'${describe(callee)}'`);
    if (!isFn(fnValue)) throw new PyError(`TypeError: '${describe(callee)}' object is not callable`);
    const args = kw.size ? [...pos, kwargsValue(kw)] : pos;
    return fnValue.value(args, env) as Value;
  }

  private evalFilter(filter: N, operand: () => Value, env: Env): Value {
    const v = operand();
    if (filter.type === 'Identifier') return applyFilter(filter.value as string, v, [], new Map());
    const [pos, kw] = this.args(filter.args as Node[], env);
    return applyFilter((filter.callee as N).value as string, v, pos, kw);
  }
}

function isDefaultFilter(f: N): boolean {
  const id = f.type === 'CallExpression' ? (f.callee as N) : f;
  return id.value === 'default' || id.value === 'd';
}

/** A short source-like description of an expression, for error messages (`message.content`). */
function describe(n: N): string {
  switch (n.type) {
    case 'Identifier': return n.value as string;
    case 'MemberExpression': {
      const p = n.property as N;
      const inner = describe(n.object as N);
      return n.computed ? `${inner}[${p.type === 'StringLiteral' ? JSON.stringify(p.value) : describe(p)}]` : `${inner}.${String(p.value)}`;
    }
    case 'StringLiteral': return JSON.stringify(n.value);
    case 'IntegerLiteral': return String(n.value);
    case 'CallExpression': return `${describe(n.callee as N)}(...)`;
    default: return n.type;
  }
}
