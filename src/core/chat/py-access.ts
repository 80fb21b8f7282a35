/**
 * Attribute and item lookup as Jinja2's sandboxed `getattr`/`getitem` do it.
 *
 * `obj.name` tries the Python attribute first (so `message.items` is the dict method), then the key;
 * `obj[key]` tries the key first. A miss is `Undefined`; any lookup ON `Undefined` raises (Jinja2's default
 * Undefined fails on attribute/item access), while `None.x` is merely Undefined.
 */
import { PyError, pyTypeName } from './py-format';
import { dictKey, undefinedError } from './py-ops';
import { type Value, keyValue, isDict, isInt, isList, isNamespace, isStr, isUndef, str, undef } from './py-values';

/** Methods Python exposes as attributes; lookups of these names on a dict/str/list return the method. */
export const DICT_METHODS = new Set(['get', 'items', 'keys', 'values', 'copy', 'update', 'pop', 'popitem', 'setdefault', 'clear', 'fromkeys']);
export const STR_METHODS = new Set([
  'strip', 'lstrip', 'rstrip', 'split', 'rsplit', 'splitlines', 'startswith', 'endswith', 'replace', 'upper', 'lower',
  'title', 'capitalize', 'swapcase', 'find', 'rfind', 'index', 'rindex', 'count', 'join', 'isdigit', 'isalpha', 'isalnum',
  'isspace', 'isupper', 'islower', 'isnumeric', 'isdecimal', 'istitle', 'zfill', 'ljust', 'rjust', 'center', 'format',
  'partition', 'rpartition', 'removeprefix', 'removesuffix', 'casefold', 'encode', 'expandtabs',
]);
export const LIST_METHODS = new Set(['index', 'count', 'append', 'extend', 'insert', 'pop', 'remove', 'sort', 'reverse', 'clear', 'copy']);

function item(obj: Value, key: Value): Value | undefined {
  if (isNamespace(obj)) return isStr(key) ? (obj.value as Map<string, Value>).get(key.value) : undefined;
  if (isDict(obj)) {
    try {
      return obj.value.get(dictKey(key));
    } catch {
      return undefined;
    }
  }
  if ((isList(obj) || isStr(obj)) && isInt(key)) {
    const n = key.value;
    if (isStr(obj)) {
      const chars = Array.from(obj.value);
      const c = chars[n < 0 ? chars.length + n : n];
      return c === undefined ? undefined : str(c);
    }
    return obj.value[n < 0 ? obj.value.length + n : n];
  }
  return undefined;
}

/** Is `name` a Python method of this value (returned as a bound method by `getattr`)? */
export function isMethodName(obj: Value, name: string): boolean {
  if (isStr(obj)) return STR_METHODS.has(name);
  if (isDict(obj) && !isNamespace(obj)) return DICT_METHODS.has(name);
  if (isList(obj)) return LIST_METHODS.has(name);
  return false;
}

/**
 * `obj.name` (dot) or `obj[key]` (subscript). Method names resolve to `null` here: the caller (a call
 * expression) invokes the Python method; a bare `obj.method` without a call falls back to the library builtin.
 */
export function lookup(obj: Value, key: Value, dot: boolean, describe: () => string): Value | null {
  if (isUndef(obj)) throw undefinedError(obj, `'${describe()}'`);
  if (dot && isStr(key) && isMethodName(obj, key.value)) return null;
  const found = item(obj, key);
  if (found !== undefined) return found;
  if (!dot && isStr(key) && isMethodName(obj, key.value)) return null;
  return undef();
}

export function requireIterable(v: Value, what: string): Value[] {
  if (isList(v)) return v.value;
  if (isStr(v)) return Array.from(v.value, (c) => str(c));
  if (isDict(v) && !isNamespace(v)) return [...v.value.keys()].map((k) => keyValue(v, k));
  if (isUndef(v)) return [];
  throw new PyError(`TypeError: '${pyTypeName(v)}' object is not iterable (${what})`);
}
