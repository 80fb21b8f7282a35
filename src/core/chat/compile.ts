/**
 * Compile a template with the library's lexer and parser, reporting syntax errors with line and column.
 *
 * The library's tokens carry no positions and its errors no offsets, so we (1) replay its preprocessing
 * (trailing newline, lstrip_blocks, trim_blocks, `{% generation %}` removal) keeping a map back to the
 * source, (2) align its tokens to that text in order, and (3) learn which token the parser failed on by
 * handing it a Proxy of the token array that records the last index read. Lexer errors are located from
 * their message. Jinja2 also rejects unknown filter and test names at compile time; so do we.
 */
import { parse, tokenize } from '@huggingface/jinja';
import { ChatTemplateError } from './errors';
import { rewrite } from './ast-rewrite';
import { isKnownFilter } from './py-filters';
import { TESTS } from './py-tests';
import type { Program } from './py-values';

type Token = ReturnType<typeof tokenize>[number];

const OPTIONS = { lstrip_blocks: true, trim_blocks: true };

interface Mapped { text: string; map: number[] }

/** Apply one regex replacement, carrying each kept character's source offset. */
function replaceMapped(src: Mapped, re: RegExp, replacer: (m: RegExpExecArray) => string): Mapped {
  let text = '';
  const map: number[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(src.text); m; m = re.exec(src.text)) {
    text += src.text.slice(last, m.index);
    map.push(...src.map.slice(last, m.index));
    const rep = replacer(m);
    const whole = m[0];
    const base = whole.endsWith(rep) ? m.index + whole.length - rep.length : m.index;
    text += rep;
    for (let i = 0; i < rep.length; i++) map.push(src.map[base + i] ?? src.map[m.index]!);
    last = m.index + whole.length;
    if (whole.length === 0) re.lastIndex++;
  }
  text += src.text.slice(last);
  map.push(...src.map.slice(last));
  return { text, map };
}

/** The library's `preprocess` (lexer.ts), replayed with a source map. */
function preprocess(source: string): Mapped {
  let m: Mapped = { text: source, map: Array.from({ length: source.length + 1 }, (_, i) => i) };
  if (m.text.endsWith('\n')) m = { text: m.text.slice(0, -1), map: [...m.map.slice(0, -2), m.map.at(-1)!] };
  m = replaceMapped(m, /^[ \t]*({[#%-])/gm, (x) => x[1]!);
  m = replaceMapped(m, /([#%-]})\n/g, (x) => x[1]!);
  m = replaceMapped(m, /(\s*){%(-?)\s*(?:end)?generation\s*(-?)%}(\s*)/gs, (x) => (x[2] ? '' : x[1]!) + (x[3] ? '' : x[4]!));
  if (m.map.length === m.text.length) m.map.push(source.length);
  return m;
}

/** Offset (in preprocessed text) of each token, found by scanning forward in token order. */
function alignTokens(tokens: Token[], text: string): number[] {
  const pos: number[] = [];
  let cur = 0;
  for (const t of tokens) {
    let at: number;
    if (t.type === 'StringLiteral') {
      const q = /['"]/g;
      q.lastIndex = cur;
      const m = q.exec(text);
      at = m ? m.index : cur;
      let i = at + 1;
      while (i < text.length && text[i] !== text[at]) i += text[i] === '\\' ? 2 : 1;
      cur = i + 1;
    } else if (t.type === 'Comment') {
      at = text.indexOf('{#', cur);
      const end = text.indexOf('#}', at);
      cur = end < 0 ? text.length : end + 2;
    } else if (t.type === 'Text' && t.value === '') {
      at = cur;
    } else {
      at = text.indexOf(t.value, cur);
      if (at < 0) at = cur;
      cur = at + t.value.length;
    }
    pos.push(at);
  }
  return pos;
}

function lineCol(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, Math.max(0, Math.min(offset, source.length)));
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Where a lexer error happened, from its message (the lexer keeps its cursor to itself). */
function lexerErrorOffset(message: string, text: string): number {
  const inTag = (want: (i: number) => boolean): number => {
    let inside = false;
    for (let i = 0; i < text.length; i++) {
      if (!inside && text[i] === '{' && (text[i + 1] === '{' || text[i + 1] === '%')) { inside = true; i++; continue; }
      if (inside && (text[i] === '}' || text[i] === '%') && text[i + 1] === '}') { inside = false; i++; continue; }
      if (inside && (text[i] === '"' || text[i] === "'")) {
        const q = text[i];
        let j = i + 1;
        while (j < text.length && text[j] !== q) {
          if (text[j] === '\\' && want(j)) return j;
          j += text[j] === '\\' ? 2 : 1;
        }
        i = j;
        continue;
      }
      if (inside && want(i)) return i;
    }
    return text.length;
  };
  let m = /^Unexpected character: (.)/.exec(message);
  if (m) return inTag((i) => text[i] === m![1] && text[i - 1] !== '\\');
  m = /^(?:Unexpected escaped character: (.)|Invalid hexadecimal escape sequence: \\(.))/.exec(message);
  if (m) return inTag((i) => text[i] === '\\' && text[i + 1] === (m![1] ?? m![2]));
  if (/comment/.test(message)) return Math.max(0, text.lastIndexOf('{#'));
  return text.length;
}

export interface Compiled { program: Program }

export function compileTemplate(source: string): Compiled {
  const pre = preprocess(source);
  const fail = (message: string, offset: number): never => {
    const src = pre.map[Math.min(offset, pre.map.length - 1)] ?? source.length;
    const { line, column } = lineCol(source, src);
    throw new ChatTemplateError(`${message} (line ${line}, column ${column})`, 'syntax', line, column);
  };
  let tokens: Token[];
  try {
    tokens = tokenize(source, OPTIONS);
  } catch (e) {
    return fail(errorMessage(e), lexerErrorOffset(errorMessage(e), pre.text));
  }
  const offsets = alignTokens(tokens, pre.text);
  const tokenOffset = (i: number): number => (i < tokens.length ? offsets[i]! : pre.text.length);
  let lastRead = 0;
  const watched = new Proxy(tokens, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) lastRead = Number(prop);
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  let program: Program;
  try {
    program = parse(watched);
  } catch (e) {
    const msg = e instanceof TypeError ? 'Unexpected end of template' : errorMessage(e);
    return fail(msg, tokenOffset(lastRead));
  }
  const names = rewrite(program);
  for (const f of names.filters) {
    if (!isKnownFilter(f)) fail(`No filter named '${f}'`, tokenOffset(findName(tokens, f, ['|'])));
  }
  for (const t of names.tests) {
    if (!TESTS.has(t)) fail(`No test named '${t}'`, tokenOffset(findName(tokens, t, ['is', 'not'])));
  }
  return { program };
}

function findName(tokens: Token[], name: string, after: string[]): number {
  const i = tokens.findIndex((t, k) => t.type === 'Identifier' && t.value === name && after.includes(tokens[k - 1]?.value ?? ''));
  return i < 0 ? tokens.length : i;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
