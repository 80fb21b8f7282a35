/**
 * Python semantics for operators: `==`, `in`, `+`, `~`, comparisons, arithmetic, `%` formatting.
 *
 * @huggingface/jinja compares with JS `==` (so `undefined == none` is true and lists compare by identity),
 * concatenates anything onto a string with `+`, and has no `str * int` or `'%s' % x`. Python Jinja2 does what
 * Python does, so we do too.
 */
import { PyError, htmlEscape, pyRepr, pyStr, pyTypeName, pyFloatRepr } from './py-format';
import {
  type Value, MarkupValue, bool, float, int, isBool, isDict, isFloat, isInt, isList, isMarkup, isNamespace, isNone, isStr,
  isTuple, isUndef, list, str, tuple, truthy,
} from './py-values';

/** Largest string/list an operator may build; bigger is a hostile template (see render.ts limits). */
export const OP_MAX_LENGTH = 10_000_000;
export class SizeLimitError extends Error {}

const isNumLike = (v: Value): v is Value & { value: number | boolean } => isInt(v) || isFloat(v) || isBool(v);
const num = (v: Value): number => (isBool(v) ? (v.value ? 1 : 0) : (v.value as number));

export function undefinedError(v: Value, what = 'value'): PyError {
  return new PyError(`UndefinedError: ${what} is undefined (${pyTypeName(v)})`);
}

export function pyEq(a: Value, b: Value): boolean {
  if (isNumLike(a) && isNumLike(b)) return num(a) === num(b);
  if (isStr(a) && isStr(b)) return a.value === b.value;
  if (isNone(a) || isNone(b)) return isNone(a) && isNone(b);
  if (isUndef(a) || isUndef(b)) return isUndef(a) && isUndef(b);
  if (isList(a) && isList(b)) {
    if (isTuple(a) !== isTuple(b) || a.value.length !== b.value.length) return false;
    return a.value.every((x, i) => pyEq(x, b.value[i]!));
  }
  if (isDict(a) && isDict(b) && isNamespace(a) === isNamespace(b)) {
    if (isNamespace(a)) return a === b;
    if (a.value.size !== b.value.size) return false;
    for (const [k, x] of a.value) {
      const y = b.value.get(k);
      if (y === undefined || !pyEq(x, y)) return false;
    }
    return true;
  }
  return a === b;
}

/** Dict keys are strings in the library; Python's int/bool/None keys are stored under their str(). */
export function dictKey(k: Value): string {
  if (isStr(k)) return k.value;
  if (isInt(k) || isBool(k) || isNone(k) || isFloat(k)) return pyStr(k);
  throw new PyError(`TypeError: unhashable type: '${pyTypeName(k)}'`);
}

export function pyContains(container: Value, item: Value): boolean {
  if (isList(container)) return container.value.some((x) => pyEq(x, item));
  if (isStr(container)) {
    if (!isStr(item)) throw new PyError(`TypeError: 'in <string>' requires string as left operand, not ${pyTypeName(item)}`);
    return container.value.includes(item.value);
  }
  if (isDict(container) && !isNamespace(container)) {
    if (isUndef(item)) return false;
    return container.value.has(dictKey(item));
  }
  if (isUndef(container)) return false;
  throw new PyError(`TypeError: argument of type '${pyTypeName(container)}' is not iterable`);
}

function checkSize(n: number): void {
  if (n > OP_MAX_LENGTH) throw new SizeLimitError(`a string or list of ${n} items exceeds the render limit`);
}

function unsupported(op: string, a: Value, b: Value): PyError {
  if (isUndef(a) || isUndef(b)) return undefinedError(isUndef(a) ? a : b, 'an operand');
  return new PyError(`TypeError: unsupported operand type(s) for ${op}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

function numResult(a: Value, b: Value, r: number): Value {
  return isFloat(a) || isFloat(b) ? float(r) : int(r);
}

function add(a: Value, b: Value): Value {
  if (isNumLike(a) && isNumLike(b)) return numResult(a, b, num(a) + num(b));
  if (isStr(a) && isStr(b)) {
    checkSize(a.value.length + b.value.length);
    // Markup + str escapes the plain side (markupsafe); transformers' env has autoescape off, yet `|safe` makes Markup.
    if (isMarkup(a) && !isMarkup(b)) return new MarkupValue(a.value + htmlEscape(b.value));
    if (!isMarkup(a) && isMarkup(b)) return new MarkupValue(htmlEscape(a.value) + b.value);
    if (isMarkup(a)) return new MarkupValue(a.value + b.value);
    return str(a.value + b.value);
  }
  if (isList(a) && isList(b) && isTuple(a) === isTuple(b)) {
    checkSize(a.value.length + b.value.length);
    const items = [...a.value, ...b.value];
    return isTuple(a) ? tuple(items) : list(items);
  }
  throw unsupported('+', a, b);
}

function mul(a: Value, b: Value): Value {
  if (isNumLike(a) && isNumLike(b)) return numResult(a, b, num(a) * num(b));
  const [seq, n] = isNumLike(b) && !isFloat(b) ? [a, num(b)] : isNumLike(a) && !isFloat(a) ? [b, num(a)] : [null, 0];
  if (seq && isStr(seq)) {
    checkSize(seq.value.length * Math.max(0, n));
    return str(seq.value.repeat(Math.max(0, n)));
  }
  if (seq && isList(seq)) {
    checkSize(seq.value.length * Math.max(0, n));
    const items = Array.from({ length: Math.max(0, n) }, () => seq.value).flat();
    return isTuple(seq) ? tuple(items) : list(items);
  }
  throw unsupported('*', a, b);
}

function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
}

function arith(op: string, a: Value, b: Value): Value {
  if (!(isNumLike(a) && isNumLike(b))) {
    if (op === '%' && isStr(a)) return str(printf(a.value, b));
    throw unsupported(op, a, b);
  }
  const x = num(a), y = num(b);
  if ((op === '/' || op === '//' || op === '%') && y === 0) throw new PyError('ZeroDivisionError: division by zero');
  switch (op) {
    case '-': return numResult(a, b, x - y);
    case '/': return float(x / y);
    case '//': return numResult(a, b, Math.floor(x / y));
    case '%': return numResult(a, b, pyMod(x, y));
    case '**': {
      const r = x ** y;
      return isFloat(a) || isFloat(b) || y < 0 ? float(r) : int(r);
    }
  }
  throw unsupported(op, a, b);
}

/** Python ordering; mixing types is a TypeError. */
export function pyCompare(a: Value, b: Value): number {
  if (isNumLike(a) && isNumLike(b)) return num(a) < num(b) ? -1 : num(a) > num(b) ? 1 : 0;
  if (isStr(a) && isStr(b)) return codePointCompare(a.value, b.value);
  if (isList(a) && isList(b) && isTuple(a) === isTuple(b)) {
    for (let i = 0; i < Math.min(a.value.length, b.value.length); i++) {
      const x = a.value[i]!, y = b.value[i]!;
      if (!pyEq(x, y)) return pyCompare(x, y);
    }
    return a.value.length - b.value.length;
  }
  if (isUndef(a) || isUndef(b)) throw undefinedError(isUndef(a) ? a : b, 'an operand');
  throw new PyError(`TypeError: '<' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

export function codePointCompare(a: string, b: string): number {
  if (a === b) return 0;
  const x = Array.from(a), y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return x.length < y.length ? -1 : 1;
}

/** Evaluate a binary operator whose operands are already evaluated (`and`/`or` are handled by the caller). */
export function binary(op: string, a: Value, b: Value): Value {
  switch (op) {
    case '==': return bool(pyEq(a, b));
    case '!=': return bool(!pyEq(a, b));
    case 'in': return bool(pyContains(b, a));
    case 'not in': return bool(!pyContains(b, a));
    case '~': {
      const s = pyStr(a) + pyStr(b);
      checkSize(s.length);
      return str(s);
    }
    case '+': return add(a, b);
    case '*': return mul(a, b);
    case '<': return bool(pyCompare(a, b) < 0);
    case '>': return bool(pyCompare(a, b) > 0);
    case '<=': return bool(pyCompare(a, b) <= 0);
    case '>=': return bool(pyCompare(a, b) >= 0);
    default: return arith(op, a, b);
  }
}

/** `'%s and %d' % args` (printf-style; the subset templates use: s r d i f g x o c %). */
export function printf(fmt: string, args: Value): string {
  const items = isTuple(args) ? args.value : [args];
  let i = 0;
  const out = fmt.replace(/%(\(([^)]*)\))?([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sridfgexXoc%])/g, (_m, _k, key: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    let v: Value;
    if (key !== undefined) {
      if (!isDict(args)) throw new PyError('TypeError: format requires a mapping');
      v = args.value.get(key) ?? (() => { throw new PyError(`KeyError: '${key}'`); })();
    } else {
      if (i >= items.length) throw new PyError('TypeError: not enough arguments for format string');
      v = items[i++]!;
    }
    let s: string;
    switch (conv) {
      case 's': s = pyStr(v); break;
      case 'r': s = pyRepr(v); break;
      case 'd': case 'i': s = String(Math.trunc(numArg(v))); break;
      case 'f': s = numArg(v).toFixed(prec === undefined ? 6 : Number(prec)); break;
      case 'e': s = numArg(v).toExponential(prec === undefined ? 6 : Number(prec)).replace(/e([+-])(\d)$/, 'e$10$2'); break;
      case 'g': s = pyFloatRepr(numArg(v)); break;
      case 'x': s = Math.trunc(numArg(v)).toString(16); break;
      case 'X': s = Math.trunc(numArg(v)).toString(16).toUpperCase(); break;
      case 'o': s = Math.trunc(numArg(v)).toString(8); break;
      default: s = isStr(v) ? v.value : String.fromCodePoint(numArg(v));
    }
    if (flags.includes('+') && /[dif]/.test(conv) && !s.startsWith('-')) s = `+${s}`;
    const w = width === undefined || width === '*' ? 0 : Number(width);
    if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : flags.includes('0') && conv !== 's' ? s.padStart(w, '0') : s.padStart(w);
    return s;
  });
  if (i < items.length && !isDict(args)) throw new PyError('TypeError: not all arguments converted during string formatting');
  return out;
}

function numArg(v: Value): number {
  if (isNumLike(v)) return num(v);
  throw new PyError(`TypeError: a real number is required, not ${pyTypeName(v)}`);
}

export { truthy };
