/**
 * Python's `str()`, `repr()` and `json.dumps()` over template values.
 *
 * Python Jinja2 prints `{{ value }}` with `str(value)`: `None`, `True`, `['a', 1]`, `{'k': 'v'}`, `1e-05`.
 * @huggingface/jinja prints `''`, `true`, JSON. Chat templates print these more often than one would think
 * (`{{ message.content }}` of a tool-call turn is `None`; `tools|string` is a repr), so we format on our side.
 */
import {
  type Value, keyValue, isBool, isDict, isFloat, isFn, isInt, isList, isMarkup, isNamespace, isNone, isStr, isTuple, isUndef,
} from './py-values';

/** A Python-side TypeError/ValueError raised while evaluating (rendered as a 'runtime' ChatTemplateError). */
export class PyError extends Error {}

/** `repr(float)`: shortest round-trip digits, fixed between 1e-4 and 1e16, else `1e-05` style. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expStr] = x.toExponential().split('e') as [string, string];
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let out: string;
  if (exp >= -4 && exp < 16) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.slice(exp + 1);
      out = `${intPart}.${frac || '0'}`;
    } else {
      out = `0.${'0'.repeat(-exp - 1)}${digits}`;
    }
  } else {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    out = `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return neg ? `-${out}` : out;
}

const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

/** `repr(str)`: single quotes unless the text has `'` and no `"`; escapes non-printables as Python does. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
      if (cp <= 0xff) out += `\\x${cp.toString(16).padStart(2, '0')}`;
      else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
      else out += `\\U${cp.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + quote;
}

/** Python `repr()` of a template value. */
export function pyRepr(v: Value): string {
  if (isStr(v)) return isMarkup(v) ? `Markup(${pyStrRepr(v.value)})` : pyStrRepr(v.value);
  if (isBool(v)) return v.value ? 'True' : 'False';
  if (isInt(v)) return String(v.value);
  if (isFloat(v)) return pyFloatRepr(v.value);
  if (isNone(v)) return 'None';
  if (isUndef(v)) return 'Undefined';
  if (isTuple(v)) return v.value.length === 1 ? `(${pyRepr(v.value[0]!)},)` : `(${v.value.map(pyRepr).join(', ')})`;
  if (isList(v)) return `[${v.value.map(pyRepr).join(', ')}]`;
  if (isNamespace(v)) return `<Namespace ${dictRepr(v.value as Map<string, Value>)}>`;
  if (isDict(v)) return dictRepr(v.value, v);
  if (isFn(v)) return '<function>';
  return String(v.value);
}

function dictRepr(m: Map<string, Value>, d?: Value): string {
  return `{${[...m].map(([k, val]) => `${d ? pyRepr(keyValue(d, k)) : pyStrRepr(k)}: ${pyRepr(val)}`).join(', ')}}`;
}

/** Python `str()` of a template value; Jinja2's default `Undefined` prints as ''. */
export function pyStr(v: Value): string {
  if (isStr(v)) return v.value;
  if (isUndef(v)) return '';
  return pyRepr(v);
}

export interface JsonOptions {
  indent: number | string | null;
  ensureAscii: boolean;
  separators: [string, string] | null;
  sortKeys: boolean;
}

/** `json.dumps(x, ensure_ascii, indent, separators, sort_keys)` as transformers' `tojson` filter calls it. */
export function pyJsonDumps(v: Value, opts: JsonOptions): string {
  const indent = opts.indent === null ? null : typeof opts.indent === 'number' ? ' '.repeat(Math.max(0, opts.indent)) : opts.indent;
  const [itemSep, keySep] = opts.separators ?? (indent === null ? [', ', ': '] : [',', ': ']);
  const encStr = (s: string): string => jsonString(s, opts.ensureAscii);
  const walk = (x: Value, level: number): string => {
    if (isStr(x)) return encStr(x.value);
    if (isNone(x)) return 'null';
    if (isBool(x)) return x.value ? 'true' : 'false';
    if (isInt(x)) return String(x.value);
    if (isFloat(x)) return Number.isFinite(x.value) ? pyFloatRepr(x.value) : Number.isNaN(x.value) ? 'NaN' : x.value > 0 ? 'Infinity' : '-Infinity';
    const nl = indent === null ? '' : `\n${indent.repeat(level + 1)}`;
    const close = indent === null ? '' : `\n${indent.repeat(level)}`;
    if (isList(x)) {
      if (x.value.length === 0) return '[]';
      return `[${nl}${x.value.map((i) => walk(i, level + 1)).join(itemSep + nl)}${close}]`;
    }
    if (isDict(x) && !isNamespace(x)) {
      if (x.value.size === 0) return '{}';
      let entries = [...x.value];
      if (opts.sortKeys) entries = entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${nl}${entries.map(([k, i]) => encStr(k) + keySep + walk(i, level + 1)).join(itemSep + nl)}${close}}`;
    }
    throw new PyError(`Object of type ${pyTypeName(x)} is not JSON serializable`);
  };
  return walk(v, 0);
}

function jsonString(s: string, ensureAscii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (ensureAscii && c > 0x7e)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** Python's type name, for error messages that mirror Python's. */
export function pyTypeName(v: Value): string {
  if (isStr(v)) return 'str';
  if (isBool(v)) return 'bool';
  if (isInt(v)) return 'int';
  if (isFloat(v)) return 'float';
  if (isNone(v)) return 'NoneType';
  if (isUndef(v)) return 'Undefined';
  if (isTuple(v)) return 'tuple';
  if (isList(v)) return 'list';
  if (isNamespace(v)) return 'Namespace';
  if (isDict(v)) return 'dict';
  return 'function';
}

/** markupsafe.escape */
export function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}
