/**
 * Runtime values of @huggingface/jinja, reached from our side.
 *
 * The package exports only `Environment`, `Interpreter`, `tokenize` and `parse`; its value classes
 * (StringValue, ArrayValue, …) are not exported. Our Python-parity layer must build and recognise them,
 * so we take each constructor from a value the public `Environment.set` creates (one probe per class).
 * Everything else in src/core/chat goes through the small structural type `Value` below.
 */
import { Environment, Interpreter, parse, tokenize } from '@huggingface/jinja';

/** The library's AST (`parse` is exported; the node classes are not). */
export type Program = ReturnType<typeof parse>;
export type Node = Program['body'][number];

/** Structural view of a library runtime value. `type` is the class name ("StringValue", …). */
export interface Value {
  type: string;
  value: unknown;
  readonly builtins: ReadonlyMap<string, Value>;
  __bool__(): { value: boolean };
  toString(): string;
}

export type PyFunction = (args: Value[], scope: Environment) => Value;

type Ctor<T> = new (value: T) => Value;

const probe = new Environment();
const make = (v: unknown): Value => probe.set(`p${probe.variables.size}`, v) as unknown as Value;

const base = {
  StringValue: make('').constructor as Ctor<string>,
  IntegerValue: make(1).constructor as Ctor<number>,
  FloatValue: make(1.5).constructor as Ctor<number>,
  BooleanValue: make(true).constructor as Ctor<boolean>,
  NullValue: make(null).constructor as Ctor<null>,
  UndefinedValue: make(undefined).constructor as Ctor<undefined>,
  ArrayValue: make([]).constructor as Ctor<Value[]>,
  ObjectValue: make({}).constructor as Ctor<Map<string, Value>>,
  FunctionValue: make(() => 0).constructor as Ctor<PyFunction>,
};

// Tuples, namespaces and keyword-argument bags only come out of evaluation: run one-line programs to get one of each.
function run(src: string, globals: Record<string, Value> = {}): Value {
  const env = new Environment();
  for (const [k, v] of Object.entries(globals)) env.variables.set(k, v as never);
  const interp = new Interpreter(env);
  return interp.evaluate(parse(tokenize(src)).body[0], env) as unknown as Value;
}
let captured: Value | undefined;
run('{{ f(a=1) }}', { f: new base.FunctionValue((args) => { captured = args[0]; return make(null); }) });

const ctors = {
  ...base,
  TupleValue: run('{{ (1, 2) }}').constructor as Ctor<Value[]>,
  NamespaceValue: run('{{ namespace() }}').constructor as Ctor<Map<string, Value>>,
  KeywordArgumentsValue: captured!.constructor as Ctor<Map<string, Value>>,
};

export const str = (s: string): Value => new ctors.StringValue(s);
export const int = (n: number): Value => new ctors.IntegerValue(n);
export const float = (n: number): Value => new ctors.FloatValue(n);
export const bool = (b: boolean): Value => new ctors.BooleanValue(b);
export const none = (): Value => new ctors.NullValue(null);
export const undef = (): Value => new ctors.UndefinedValue(undefined);
export const list = (items: Value[]): Value => new ctors.ArrayValue(items);
export const tuple = (items: Value[]): Value => new ctors.TupleValue(items);
export const dict = (entries: Map<string, Value>): Value => new ctors.ObjectValue(entries);
export const fn = (f: PyFunction): Value => new ctors.FunctionValue(f);
export const kwargsValue = (entries: Map<string, Value>): Value => new ctors.KeywordArgumentsValue(entries);

export const isStr = (v: Value): v is Value & { value: string } => v instanceof ctors.StringValue;
export const isInt = (v: Value): v is Value & { value: number } => v instanceof ctors.IntegerValue;
export const isFloat = (v: Value): v is Value & { value: number } => v instanceof ctors.FloatValue;
export const isNum = (v: Value): v is Value & { value: number } => isInt(v) || isFloat(v);
export const isBool = (v: Value): v is Value & { value: boolean } => v instanceof ctors.BooleanValue;
export const isNone = (v: Value): boolean => v instanceof ctors.NullValue;
export const isUndef = (v: Value): boolean => v instanceof ctors.UndefinedValue;
/** list or tuple */
export const isList = (v: Value): v is Value & { value: Value[] } => v instanceof ctors.ArrayValue;
export const isTuple = (v: Value): v is Value & { value: Value[] } => v instanceof ctors.TupleValue;
/** dict (KeywordArgumentsValue is a dict subclass too) */
export const isDict = (v: Value): v is Value & { value: Map<string, Value> } => v instanceof ctors.ObjectValue;
export const isKwargs = (v: Value): v is Value & { value: Map<string, Value> } => v instanceof ctors.KeywordArgumentsValue;
export const isNamespace = (v: Value): boolean => v instanceof ctors.NamespaceValue;
export const isFn = (v: Value): v is Value & { value: PyFunction } => v instanceof ctors.FunctionValue;

/**
 * Python's `Markup` (what `|safe` returns in Jinja2). Transformers' environment does not autoescape, but
 * `Markup + str` and `str + Markup` still HTML-escape the plain side, which some templates (functionary)
 * rely on without knowing it. We keep the flag on a StringValue subclass so `+` can reproduce it.
 */
export class MarkupValue extends (ctors.StringValue as unknown as new (value: string) => Value & { value: string }) {
  override type = 'StringValue';
  readonly markup = true;
}
export const isMarkup = (v: Value): v is MarkupValue => v instanceof MarkupValue;

/**
 * Python dicts may have int/bool/None keys (Seed-OSS: `{0: 0, 512: 128}`); the library's dicts are keyed by
 * string. We key them by `str(key)` and remember the original key values on the dict, for iteration/repr.
 */
const PY_KEYS = new WeakMap<Value, Map<string, Value>>();
export function dictWithKeys(entries: Map<string, Value>, keys: Map<string, Value>): Value {
  const d = dict(entries);
  if ([...keys.values()].some((k) => !isStr(k))) PY_KEYS.set(d, keys);
  return d;
}
/** The original key value of `dict[k]` (a string unless the dict literal used non-string keys). */
export function keyValue(d: Value, k: string): Value {
  return PY_KEYS.get(d)?.get(k) ?? str(k);
}

/** Python-style truthiness (the library's `__bool__` already follows Python for all value kinds). */
export const truthy = (v: Value): boolean => v.__bool__().value;

/** Split a call's arguments into positional args and keyword args (the library appends kwargs last). */
export function splitArgs(args: Value[]): [Value[], Map<string, Value>] {
  const last = args[args.length - 1];
  if (last && isKwargs(last)) return [args.slice(0, -1), last.value];
  return [args, new Map()];
}

/** Convert a plain JSON-like JS value (the render context) into library runtime values. */
export function fromJs(v: unknown): Value {
  return make(v);
}
