/**
 * Python methods called from templates: `content.strip('\n')`, `text.split(':', 1)`, `d.get('k', 0)`.
 *
 * The library's builtins ignore arguments Python honours (`strip(chars)`) and lack many methods, so calls on
 * str/dict/list receivers are served here. Mutating methods raise as ImmutableSandboxedEnvironment does.
 */
import { PyError, pyStr, pyTypeName } from './py-format';
import { requireIterable } from './py-access';
import { dictKey, pyEq } from './py-ops';
import {
  type Value, bool, dict, int, keyValue, isDict, isInt, isList, isNone, isStr, isTuple, isUndef, list, none, str, tuple,
} from './py-values';

// Python's str.isspace() set, which includes the information separators U+001C..U+001F.
// eslint-disable-next-line no-control-regex
export const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

const PY_SPACE_RUN = new RegExp(`${PY_SPACE.source}+`);

export function pyStrip(s: string, chars: string | null, left: boolean, right: boolean): string {
  const drop = (c: string): boolean => (chars === null ? PY_SPACE.test(c) : chars.includes(c));
  const cs = Array.from(s);
  let a = 0, b = cs.length;
  if (left) while (a < b && drop(cs[a]!)) a++;
  if (right) while (b > a && drop(cs[b - 1]!)) b--;
  return cs.slice(a, b).join('');
}

export function pySplit(s: string, sep: string | null, maxsplit: number): string[] {
  if (sep === null) {
    const out: string[] = [];
    let rest = pyStrip(s, null, true, false);
    while (rest.length > 0) {
      if (maxsplit >= 0 && out.length >= maxsplit) { out.push(rest); break; }
      const m = PY_SPACE_RUN.exec(rest);
      if (!m) { out.push(rest); break; }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return out;
  }
  if (sep === '') throw new PyError('ValueError: empty separator');
  const parts = s.split(sep);
  if (maxsplit >= 0 && parts.length > maxsplit + 1) return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
  return parts;
}

export function pySplitlines(s: string, keepends = false): string[] {
  const out: string[] = [];
  // str.splitlines() boundaries, which include the separators U+001C..U+001E
  // eslint-disable-next-line no-control-regex
  const re = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push(s.slice(last, keepends ? m.index + m[0].length : m.index));
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}

export function pyCapitalize(s: string): string {
  const cs = Array.from(s);
  return cs.length === 0 ? '' : cs[0]!.toUpperCase() + cs.slice(1).join('').toLowerCase();
}

export function pyTitle(s: string): string {
  return s.replace(/[\p{L}\p{N}']+/gu, (w) => pyCapitalize(w));
}

type Args = { pos: Value[]; kw: Map<string, Value> };

function get(a: Args, i: number, name: string): Value | undefined {
  return a.pos[i] ?? a.kw.get(name);
}

function optStr(v: Value | undefined, what: string): string | null {
  if (v === undefined || isNone(v)) return null;
  if (isStr(v)) return v.value;
  throw new PyError(`TypeError: ${what} arg must be None or str, not ${pyTypeName(v)}`);
}

function optInt(v: Value | undefined, dflt: number): number {
  if (v === undefined || isNone(v)) return dflt;
  if (isInt(v)) return v.value;
  throw new PyError(`TypeError: '${pyTypeName(v)}' object cannot be interpreted as an integer`);
}

function strArg(v: Value | undefined, method: string): string {
  if (v !== undefined && isStr(v)) return v.value;
  throw new PyError(`TypeError: ${method}() argument must be str, not ${v ? pyTypeName(v) : 'nothing'}`);
}

function prefixes(v: Value | undefined, method: string): string[] {
  if (v !== undefined && isTuple(v)) return v.value.map((x) => strArg(x, method));
  return [strArg(v, method)];
}

function strMethod(s: string, name: string, a: Args): Value {
  switch (name) {
    case 'strip': return str(pyStrip(s, optStr(get(a, 0, 'chars'), 'strip'), true, true));
    case 'lstrip': return str(pyStrip(s, optStr(get(a, 0, 'chars'), 'lstrip'), true, false));
    case 'rstrip': return str(pyStrip(s, optStr(get(a, 0, 'chars'), 'rstrip'), false, true));
    case 'split': return list(pySplit(s, optStr(get(a, 0, 'sep'), 'split'), optInt(get(a, 1, 'maxsplit'), -1)).map(str));
    case 'rsplit': {
      const sep = optStr(get(a, 0, 'sep'), 'rsplit');
      const max = optInt(get(a, 1, 'maxsplit'), -1);
      if (max < 0) return list(pySplit(s, sep, -1).map(str));
      const rev = (x: string): string => Array.from(x).reverse().join('');
      const parts = pySplit(rev(s), sep === null ? null : rev(sep), max).map(rev).reverse();
      return list(parts.map(str));
    }
    case 'splitlines': return list(pySplitlines(s).map(str));
    case 'startswith': return bool(prefixes(get(a, 0, 'prefix'), name).some((p) => s.startsWith(p)));
    case 'endswith': return bool(prefixes(get(a, 0, 'suffix'), name).some((p) => s.endsWith(p)));
    case 'replace': {
      const old = strArg(get(a, 0, 'old'), name), neu = strArg(get(a, 1, 'new'), name);
      let count = optInt(get(a, 2, 'count'), -1);
      if (old === '') {
        const cs = Array.from(s);
        const out: string[] = [];
        for (let i = 0; i <= cs.length; i++) {
          if (count !== 0) { out.push(neu); count--; }
          if (i < cs.length) out.push(cs[i]!);
        }
        return str(out.join(''));
      }
      const parts = s.split(old);
      if (count < 0 || count >= parts.length - 1) return str(parts.join(neu));
      return str(parts.slice(0, count + 1).join(neu) + old + parts.slice(count + 1).join(old));
    }
    case 'upper': return str(s.toUpperCase());
    case 'lower': case 'casefold': return str(s.toLowerCase());
    case 'title': return str(pyTitle(s));
    case 'capitalize': return str(pyCapitalize(s));
    case 'swapcase': return str(Array.from(s, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''));
    case 'find': case 'index': {
      const i = s.indexOf(strArg(get(a, 0, 'sub'), name));
      if (i < 0 && name === 'index') throw new PyError('ValueError: substring not found');
      return int(i < 0 ? -1 : Array.from(s.slice(0, i)).length);
    }
    case 'rfind': case 'rindex': {
      const i = s.lastIndexOf(strArg(get(a, 0, 'sub'), name));
      if (i < 0 && name === 'rindex') throw new PyError('ValueError: substring not found');
      return int(i < 0 ? -1 : Array.from(s.slice(0, i)).length);
    }
    case 'count': {
      const sub = strArg(get(a, 0, 'sub'), name);
      return int(sub === '' ? Array.from(s).length + 1 : s.split(sub).length - 1);
    }
    case 'join': return str(requireIterable(get(a, 0, 'iterable') ?? none(), 'join').map((x) => {
      if (!isStr(x)) throw new PyError(`TypeError: sequence item: expected str instance, ${pyTypeName(x)} found`);
      return x.value;
    }).join(s));
    case 'isdigit': case 'isdecimal': case 'isnumeric': return bool(s.length > 0 && /^\p{Nd}+$/u.test(s));
    case 'isalpha': return bool(s.length > 0 && /^\p{L}+$/u.test(s));
    case 'isalnum': return bool(s.length > 0 && /^[\p{L}\p{N}]+$/u.test(s));
    case 'isspace': return bool(s.length > 0 && Array.from(s).every((c) => PY_SPACE.test(c)));
    case 'isupper': return bool(/\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s));
    case 'islower': return bool(/\p{Ll}/u.test(s) && !/\p{Lu}/u.test(s));
    case 'istitle': return bool(s.length > 0 && pyTitle(s) === s && /\p{L}/u.test(s));
    case 'zfill': {
      const w = optInt(get(a, 0, 'width'), 0);
      const sign = s.startsWith('-') || s.startsWith('+') ? s[0]! : '';
      return str(sign + s.slice(sign.length).padStart(w - sign.length, '0'));
    }
    case 'ljust': case 'rjust': case 'center': {
      const w = optInt(get(a, 0, 'width'), 0);
      const fill = optStr(get(a, 1, 'fillchar'), name) ?? ' ';
      const n = Array.from(s).length;
      if (w <= n) return str(s);
      const pad = w - n;
      if (name === 'ljust') return str(s + fill.repeat(pad));
      if (name === 'rjust') return str(fill.repeat(pad) + s);
      const left = Math.floor(pad / 2) + (pad & w & 1);
      return str(fill.repeat(left) + s + fill.repeat(pad - left));
    }
    case 'partition': case 'rpartition': {
      const sep = strArg(get(a, 0, 'sep'), name);
      const i = name === 'partition' ? s.indexOf(sep) : s.lastIndexOf(sep);
      if (i < 0) return tuple(name === 'partition' ? [str(s), str(''), str('')] : [str(''), str(''), str(s)]);
      return tuple([str(s.slice(0, i)), str(sep), str(s.slice(i + sep.length))]);
    }
    case 'removeprefix': { const p = strArg(get(a, 0, 'prefix'), name); return str(s.startsWith(p) ? s.slice(p.length) : s); }
    case 'removesuffix': { const p = strArg(get(a, 0, 'suffix'), name); return str(p && s.endsWith(p) ? s.slice(0, -p.length) : s); }
    case 'format': return str(strFormat(s, a));
    default: throw new PyError(`AttributeError: 'str' object has no attribute '${name}'`);
  }
}

/** `'{} {name}'.format(...)` with plain `{}`/`{0}`/`{name}` fields (no format specs beyond none). */
function strFormat(s: string, a: Args): string {
  let auto = 0;
  return s.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, field: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const name = (field ?? '').split(/[:!]/)[0]!;
    const v = name === '' ? a.pos[auto++] : /^\d+$/.test(name) ? a.pos[Number(name)] : a.kw.get(name);
    if (v === undefined) throw new PyError(`IndexError: Replacement index ${name} out of range`);
    return pyStr(v);
  });
}

function dictMethod(obj: Value, d: Map<string, Value>, name: string, a: Args): Value {
  switch (name) {
    case 'get': {
      const k = get(a, 0, 'key');
      if (!k) throw new PyError('TypeError: get expected at least 1 argument, got 0');
      return d.get(dictKey(k)) ?? get(a, 1, 'default') ?? none();
    }
    case 'items': return list([...d].map(([k, v]) => tuple([keyValue(obj, k), v])));
    case 'keys': return list([...d.keys()].map((k) => keyValue(obj, k)));
    case 'values': return list([...d.values()]);
    case 'copy': return dict(new Map(d));
    default: throw unsafe(name, 'dict');
  }
}


function listMethod(items: Value[], name: string, a: Args): Value {
  switch (name) {
    case 'index': {
      const x = get(a, 0, 'value') ?? none();
      const i = items.findIndex((y) => pyEq(x, y));
      if (i < 0) throw new PyError(`ValueError: ${pyStr(x)} is not in list`);
      return int(i);
    }
    case 'count': { const x = get(a, 0, 'value') ?? none(); return int(items.filter((y) => pyEq(x, y)).length); }
    case 'copy': return list([...items]);
    default: throw unsafe(name, 'list');
  }
}

function unsafe(name: string, type: string): PyError {
  return new PyError(`SecurityError: access to attribute '${name}' of '${type}' object is unsafe.`);
}

/** Call the Python method `name` on `obj`. */
export function callMethod(obj: Value, name: string, pos: Value[], kw: Map<string, Value>): Value {
  const a = { pos, kw };
  if (isStr(obj)) return strMethod(obj.value, name, a);
  if (isDict(obj)) return dictMethod(obj, obj.value, name, a);
  if (isList(obj)) return listMethod(obj.value, name, a);
  if (isUndef(obj)) throw new PyError('UndefinedError: method call on an undefined value');
  throw new PyError(`AttributeError: '${pyTypeName(obj)}' object has no attribute '${name}'`);
}
