/**
 * Jinja2's builtin filters plus transformers' `tojson`, with Python's semantics.
 *
 * The library implements filters per value type and throws on combinations Python accepts (`trim` of an
 * Undefined, `string` of a dict, `map('trim')`, `select('equalto', x)`, `join` of numbers). Every filter a
 * template names is looked up here; names Jinja2 does not know are a compile-time error there and here
 * (see `checkNames` in syntax.ts).
 */
import { PyError, htmlEscape, pyJsonDumps, pyStr, pyTypeName } from './py-format';
import { lookup, requireIterable } from './py-access';
import { pyCapitalize, pySplitlines, pyStrip, pyTitle } from './py-methods';
import { printf, pyCompare, pyEq, undefinedError } from './py-ops';
import { applyTest } from './py-tests';
import {
  type Value, MarkupValue, dict, keyValue, float, int, isBool, isDict, isFloat, isInt, isList, isMarkup, isNamespace, isNone, isStr,
  isUndef, list, str, truthy, tuple, undef,
} from './py-values';

export type Filter = (v: Value, pos: Value[], kw: Map<string, Value>) => Value;

/** Bind positional/keyword arguments to a Python signature (names after the filtered value). */
function bind(name: string, params: string[], pos: Value[], kw: Map<string, Value>): (Value | undefined)[] {
  if (pos.length > params.length) throw new PyError(`TypeError: ${name}() takes at most ${params.length + 1} arguments`);
  const out: (Value | undefined)[] = params.map((p, i) => pos[i] ?? kw.get(p));
  for (const k of kw.keys()) {
    if (!params.includes(k)) throw new PyError(`TypeError: ${name}() got an unexpected keyword argument '${k}'`);
  }
  return out;
}

const boolArg = (v: Value | undefined, dflt: boolean): boolean => (v === undefined ? dflt : truthy(v));

/** `environment.getitem` over a dotted attribute path (`'function.name'`, `'0'`), as make_attrgetter does. */
export function attrPath(v: Value, path: Value): Value {
  const parts = isStr(path) ? path.value.split('.') : [pyStr(path)];
  let cur = v;
  for (const p of parts) {
    const key = /^\d+$/.test(p) ? int(Number(p)) : str(p);
    if (isUndef(cur)) return cur;
    cur = lookup(cur, key, false, () => p) ?? undef();
  }
  return cur;
}

function softStr(v: Value): string {
  return pyStr(v);
}

function keyFor(caseSensitive: boolean) {
  return (v: Value): Value => (!caseSensitive && isStr(v) ? str(v.value.toLowerCase()) : v);
}

function sortValues(items: Value[], reverse: boolean, caseSensitive: boolean, attribute: Value | undefined): Value[] {
  const attrs = attribute === undefined || isNone(attribute) ? [] : isStr(attribute) ? attribute.value.split(',') : [pyStr(attribute)];
  const norm = keyFor(caseSensitive);
  const keyOf = (x: Value): Value[] => (attrs.length === 0 ? [norm(x)] : attrs.map((a) => norm(attrPath(x, str(a)))));
  const keyed = items.map((x) => ({ x, k: keyOf(x) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) {
      const c = pyCompare(a.k[i]!, b.k[i]!);
      if (c !== 0) return reverse ? -c : c;
    }
    return 0;
  });
  return keyed.map((e) => e.x);
}

function testArgs(pos: Value[]): [string | null, Value[]] {
  const [t, ...rest] = pos;
  if (t === undefined) return [null, []];
  if (!isStr(t)) throw new PyError('TypeError: test name must be a string');
  return [t.value, rest];
}

function selectOrReject(v: Value, pos: Value[], select: boolean, attr: boolean): Value {
  if (!truthy(v)) return list([]);
  let attribute: Value | undefined;
  let rest = pos;
  if (attr) {
    [attribute, ...rest] = pos;
    if (attribute === undefined) throw new PyError('TypeError: Missing parameter for attribute name');
  }
  const [test, args] = testArgs(rest);
  return list(requireIterable(v, 'select').filter((item) => {
    const x = attribute === undefined ? item : attrPath(item, attribute);
    const ok = test === null ? truthy(x) : applyTest(test, x, args);
    return ok === select;
  }));
}

function toInt(v: Value, dflt: Value, base: number): Value {
  if (isInt(v)) return v;
  if (isBool(v)) return int(v.value ? 1 : 0);
  if (isFloat(v)) return Number.isFinite(v.value) ? int(Math.trunc(v.value)) : dflt;
  if (isStr(v)) {
    const s = v.value.trim().replace(/_/g, '');
    if (base === 10 && /^[+-]?\d+$/.test(s)) return int(parseInt(s, 10));
    if (base !== 10) { const n = parseInt(s, base); return Number.isNaN(n) ? dflt : int(n); }
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return int(Math.trunc(Number(s)));
    return dflt;
  }
  return dflt;
}

function toFloat(v: Value, dflt: Value): Value {
  if (isInt(v) || isFloat(v)) return float(v.value);
  if (isBool(v)) return float(v.value ? 1 : 0);
  if (isStr(v)) {
    const s = v.value.trim().toLowerCase();
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) return float(Number(s));
    if (/^[+-]?(inf|infinity)$/.test(s)) return float(s.startsWith('-') ? -Infinity : Infinity);
    if (/^[+-]?nan$/.test(s)) return float(NaN);
  }
  return dflt;
}

function pyRound(x: number, precision: number, method: string): number {
  const f = 10 ** precision;
  if (method === 'ceil') return Math.ceil(x * f) / f;
  if (method === 'floor') return Math.floor(x * f) / f;
  // 'common' is Python's round(): halves go to the even neighbour (round(-2.5) == -2.0)
  const y = x * f;
  const r = Math.abs(y % 1) === 0.5 ? 2 * Math.round(y / 2) : Math.round(y);
  return r / f;
}

function indent(s: string, width: Value | undefined, first: boolean, blank: boolean): string {
  const ind = width === undefined ? '    ' : isStr(width) ? width.value : ' '.repeat(Number(width.value));
  const lines = pySplitlines(`${s}\n`);
  let rv: string;
  if (blank) rv = lines.join(`\n${ind}`);
  else {
    rv = lines.shift() ?? '';
    if (lines.length) rv += `\n${lines.map((l) => (l ? ind + l : l)).join('\n')}`;
  }
  return first ? ind + rv : rv;
}

const FILTERS = new Map<string, Filter>();
const def = (names: string[], f: Filter): void => names.forEach((n) => FILTERS.set(n, f));

def(['tojson'], (v, pos, kw) => {
  // transformers: json.dumps(x, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sort_keys)
  const [ea, ind, sep, sk] = bind('tojson', ['ensure_ascii', 'indent', 'separators', 'sort_keys'], pos, kw);
  let separators: [string, string] | null = null;
  if (sep && isList(sep)) separators = [pyStr(sep.value[0] ?? str(', ')), pyStr(sep.value[1] ?? str(': '))];
  const indentV = ind === undefined || isNone(ind) ? null : isStr(ind) ? ind.value : Number(ind.value);
  return str(pyJsonDumps(v, { ensureAscii: boolArg(ea, false), indent: indentV, separators, sortKeys: boolArg(sk, false) }));
});
def(['string'], (v) => (isMarkup(v) ? v : str(softStr(v))));
def(['safe'], (v) => (isMarkup(v) ? v : new MarkupValue(softStr(v))));
def(['escape', 'e'], (v) => (isMarkup(v) ? v : new MarkupValue(htmlEscape(softStr(v)))));
def(['forceescape'], (v) => new MarkupValue(htmlEscape(softStr(v))));
def(['trim'], (v, pos, kw) => {
  const [chars] = bind('trim', ['chars'], pos, kw);
  return str(pyStrip(softStr(v), chars && !isNone(chars) ? pyStr(chars) : null, true, true));
});
def(['upper'], (v) => str(softStr(v).toUpperCase()));
def(['lower'], (v) => str(softStr(v).toLowerCase()));
def(['capitalize'], (v) => str(pyCapitalize(softStr(v))));
def(['title'], (v) => str(softStr(v).split(/([-\s({[<]+)/).map((w) => (w ? pyTitle(w.charAt(0)) + w.slice(1).toLowerCase() : w)).join('')));
def(['replace'], (v, pos, kw) => {
  const [o, n, c] = bind('replace', ['old', 'new', 'count'], pos, kw);
  const s = softStr(v), old = pyStr(o ?? str('')), neu = pyStr(n ?? str(''));
  const count = c === undefined || isNone(c) ? -1 : Number(c.value);
  if (count < 0) return str(s.split(old).join(neu));
  const parts = s.split(old);
  return str(parts.slice(0, count + 1).join(neu) + (parts.length > count + 1 ? old + parts.slice(count + 1).join(old) : ''));
});
def(['indent'], (v, pos, kw) => {
  const [w, f, b] = bind('indent', ['width', 'first', 'blank'], pos, kw);
  return str(indent(softStr(v), w, boolArg(f, false), boolArg(b, false)));
});
def(['length', 'count'], (v) => {
  if (isStr(v)) return int(Array.from(v.value).length);
  if (isList(v)) return int(v.value.length);
  if (isDict(v)) return int(v.value.size);
  if (isUndef(v)) return int(0);
  throw new PyError(`TypeError: object of type '${pyTypeName(v)}' has no len()`);
});
def(['wordcount'], (v) => int((softStr(v).match(/[\p{L}\p{N}_]+/gu) ?? []).length));
def(['first'], (v) => requireIterable(v, 'first')[0] ?? undef());
def(['last'], (v) => {
  if (isUndef(v)) throw undefinedError(v, 'sequence');
  return requireIterable(v, 'last').at(-1) ?? undef();
});
def(['list'], (v) => list([...requireIterable(v, 'list')]));
def(['reverse'], (v) => (isStr(v) ? str(Array.from(v.value).reverse().join('')) : list([...requireIterable(v, 'reverse')].reverse())));
def(['join'], (v, pos, kw) => {
  const [d, attribute] = bind('join', ['d', 'attribute'], pos, kw);
  let items = requireIterable(v, 'join');
  if (attribute && !isNone(attribute)) items = items.map((x) => attrPath(x, attribute));
  const sep = d ? softStr(d) : '';
  return str(items.map(softStr).join(sep));
});
def(['default', 'd'], (v, pos, kw) => {
  const [dv, b] = bind('default', ['default_value', 'boolean'], pos, kw);
  if (isUndef(v) || (boolArg(b, false) && !truthy(v))) return dv ?? str('');
  return v;
});
def(['items'], (v) => {
  if (isUndef(v)) return list([]);
  if (!isDict(v) || isNamespace(v)) throw new PyError('TypeError: Can only get item pairs from a mapping.');
  return list([...v.value].map(([k, x]) => tuple([keyValue(v, k), x])));
});
def(['dictsort'], (v, pos, kw) => {
  const [cs, by, rev] = bind('dictsort', ['case_sensitive', 'by', 'reverse'], pos, kw);
  if (!isDict(v)) throw new PyError('TypeError: dictsort expects a mapping');
  const pos0 = by && pyStr(by) === 'value' ? 1 : 0;
  const norm = keyFor(boolArg(cs, false));
  const items = [...v.value].map(([k, x]) => tuple([keyValue(v, k), x]));
  items.sort((a, b) => pyCompare(norm((a.value as Value[])[pos0]!), norm((b.value as Value[])[pos0]!)));
  return list(boolArg(rev, false) ? items.reverse() : items);
});
def(['sort'], (v, pos, kw) => {
  const [rev, cs, attribute] = bind('sort', ['reverse', 'case_sensitive', 'attribute'], pos, kw);
  return list(sortValues(requireIterable(v, 'sort'), boolArg(rev, false), boolArg(cs, false), attribute));
});
def(['unique'], (v, pos, kw) => {
  const [cs, attribute] = bind('unique', ['case_sensitive', 'attribute'], pos, kw);
  const norm = keyFor(boolArg(cs, false));
  const seen: Value[] = [];
  const out: Value[] = [];
  for (const x of requireIterable(v, 'unique')) {
    const k = norm(attribute && !isNone(attribute) ? attrPath(x, attribute) : x);
    if (!seen.some((s) => pyEq(s, k))) { seen.push(k); out.push(x); }
  }
  return list(out);
});
for (const which of ['min', 'max'] as const) {
  def([which], (v, pos, kw) => {
    const [cs, attribute] = bind(which, ['case_sensitive', 'attribute'], pos, kw);
    const items = requireIterable(v, which);
    if (items.length === 0) return undef();
    const sorted = sortValues(items, false, boolArg(cs, false), attribute);
    return which === 'min' ? sorted[0]! : sorted.at(-1)!;
  });
}
def(['sum'], (v, pos, kw) => {
  const [attribute, start] = bind('sum', ['attribute', 'start'], pos, kw);
  let items = requireIterable(v, 'sum');
  if (attribute && !isNone(attribute)) items = items.map((x) => attrPath(x, attribute));
  let total: Value = start ?? int(0);
  for (const x of items) {
    if (!(isInt(x) || isFloat(x) || isBool(x)) || !(isInt(total) || isFloat(total) || isBool(total))) {
      throw new PyError(`TypeError: unsupported operand type(s) for +: '${pyTypeName(total)}' and '${pyTypeName(x)}'`);
    }
    const r = Number(total.value) + Number(x.value);
    total = isFloat(total) || isFloat(x) ? float(r) : int(r);
  }
  return total;
});
def(['abs'], (v) => {
  if (isInt(v) || isBool(v)) return int(Math.abs(Number(v.value)));
  if (isFloat(v)) return float(Math.abs(v.value));
  throw new PyError(`TypeError: bad operand type for abs(): '${pyTypeName(v)}'`);
});
def(['int'], (v, pos, kw) => {
  const [d, base] = bind('int', ['default', 'base'], pos, kw);
  return toInt(v, d ?? int(0), base ? Number(base.value) : 10);
});
def(['float'], (v, pos, kw) => {
  const [d] = bind('float', ['default'], pos, kw);
  return toFloat(v, d ?? float(0));
});
def(['round'], (v, pos, kw) => {
  const [p, m] = bind('round', ['precision', 'method'], pos, kw);
  if (!(isInt(v) || isFloat(v) || isBool(v))) throw new PyError(`TypeError: type ${pyTypeName(v)} doesn't define __round__ method`);
  return float(pyRound(Number(v.value), p ? Number(p.value) : 0, m ? pyStr(m) : 'common'));
});
def(['format'], (v, pos, kw) => {
  if (kw.size && pos.length) throw new PyError("TypeError: can't handle positional and keyword arguments at the same time");
  return str(printf(softStr(v), kw.size ? dict(new Map(kw)) : tuple(pos)));
});
def(['center'], (v, pos, kw) => {
  const [w] = bind('center', ['width'], pos, kw);
  const s = softStr(v), width = w ? Number(w.value) : 80, n = Array.from(s).length;
  if (width <= n) return str(s);
  const pad = width - n, left = Math.floor(pad / 2) + (pad & width & 1);
  return str(' '.repeat(left) + s + ' '.repeat(pad - left));
});
def(['select'], (v, pos) => selectOrReject(v, pos, true, false));
def(['reject'], (v, pos) => selectOrReject(v, pos, false, false));
def(['selectattr'], (v, pos) => selectOrReject(v, pos, true, true));
def(['rejectattr'], (v, pos) => selectOrReject(v, pos, false, true));
def(['map'], (v, pos, kw) => {
  const items = requireIterable(v, 'map');
  if (pos.length === 0 && kw.has('attribute')) {
    const attribute = kw.get('attribute')!;
    const dflt = kw.get('default');
    return list(items.map((x) => {
      const r = attrPath(x, attribute);
      return isUndef(r) && dflt !== undefined ? dflt : r;
    }));
  }
  const [name, ...args] = pos;
  if (!name || !isStr(name)) throw new PyError('TypeError: map requires a filter name or attribute=');
  return list(items.map((x) => applyFilter(name.value, x, args, kw)));
});
def(['attr'], (v, pos) => {
  const name = pos[0];
  if (!name || !isStr(name)) throw new PyError('TypeError: attr requires a name');
  if (isDict(v)) return undef();
  return lookup(v, name, true, () => name.value) ?? undef();
});
def(['batch'], (v, pos, kw) => {
  const [n, fill] = bind('batch', ['linecount', 'fill_with'], pos, kw);
  const size = n ? Number(n.value) : 1;
  const items = requireIterable(v, 'batch');
  const out: Value[] = [];
  for (let i = 0; i < items.length; i += size) {
    const chunk = items.slice(i, i + size);
    while (fill && !isNone(fill) && chunk.length < size) chunk.push(fill);
    out.push(list(chunk));
  }
  return list(out);
});
def(['striptags'], (v) => str(softStr(v).replace(/<!--.*?-->|<[^>]*>/gs, '').split(/\s+/).filter(Boolean).join(' ')));
def(['pprint'], (v) => str(pyStr(v)));
def(['truncate'], (v, pos, kw) => {
  const [len, kill, end, leeway] = bind('truncate', ['length', 'killwords', 'end', 'leeway'], pos, kw);
  const s = softStr(v), n = len ? Number(len.value) : 255, e = end ? pyStr(end) : '...', lw = leeway ? Number(leeway.value) : 5;
  if (s.length <= n + lw) return str(s);
  if (boolArg(kill, false)) return str(s.slice(0, n - e.length) + e);
  const cut = s.slice(0, n - e.length);
  const sp = cut.lastIndexOf(' ');
  return str((sp >= 0 ? cut.slice(0, sp) : cut) + e);
});


/** Jinja2 builtin filter names we do not implement: known to Jinja2, so no compile error, but unsupported. */
const UNSUPPORTED = ['filesizeformat', 'groupby', 'random', 'slice', 'urlencode', 'urlize', 'wordwrap', 'xmlattr'];

export function isKnownFilter(name: string): boolean {
  return FILTERS.has(name) || UNSUPPORTED.includes(name);
}

export function applyFilter(name: string, v: Value, pos: Value[], kw: Map<string, Value>): Value {
  const f = FILTERS.get(name);
  if (!f) {
    if (UNSUPPORTED.includes(name)) throw new PyError(`the '${name}' filter is not supported by this renderer`);
    throw new PyError(`No filter named '${name}'.`);
  }
  return f(v, pos, kw);
}
