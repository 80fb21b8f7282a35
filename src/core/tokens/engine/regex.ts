/**
 * Translate an Oniguruma pattern (what Rust `tokenizers` compiles) into an equivalent JS `u` regex.
 * Differences handled: `\s \S \d \D \w \W` are Unicode in Oniguruma but ASCII (or different) in JS;
 * `(?i:…)` groups are not supported by Node 20's engine; possessive quantifiers do not exist in JS;
 * identity escapes like `\'` are syntax errors under the `u` flag.
 */
import { WHITESPACE_CLASS } from './unicode';

const WORD_CLASS = '\\p{L}\\p{M}\\p{Nd}\\p{Pc}';
const SYNTAX_CHARS = new Set('^$\\.*+?()[]{}|/-'.split(''));

const cache = new Map<string, RegExp>();

export function compileOniguruma(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(translate(pattern), 'gu');
    cache.set(pattern, re);
  }
  return re;
}

export function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

export function translate(src: string): string {
  let out = '';
  let inClass = false;
  let caseless = 0; // depth counter: >0 while inside a `(?i:` group
  const groupStack: boolean[] = []; // for each open group: was it a `(?i:` group?
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1] ?? '';
      i++;
      switch (n) {
        case 's': out += inClass ? WHITESPACE_CLASS : `[${WHITESPACE_CLASS}]`; break;
        case 'S': out += inClass ? unsupported('\\S in a class') : `[^${WHITESPACE_CLASS}]`; break;
        case 'd': out += '\\p{Nd}'; break;
        case 'D': out += inClass ? unsupported('\\D in a class') : '\\P{Nd}'; break;
        case 'w': out += inClass ? WORD_CLASS : `[${WORD_CLASS}]`; break;
        case 'W': out += inClass ? unsupported('\\W in a class') : `[^${WORD_CLASS}]`; break;
        case 'p': case 'P': case 'u': case 'x': {
          // keep `\p{..}`, `\u{..}`/`\uXXXX`, `\x..` as they are
          const m = /^(\{[^}]*\}|[0-9a-fA-F]{4}|[0-9a-fA-F]{2})/.exec(src.slice(i + 1));
          out += '\\' + n + (m ? m[0] : '');
          i += m ? m[0].length : 0;
          break;
        }
        default:
          if (/[A-Za-z0-9]/.test(n) || SYNTAX_CHARS.has(n)) out += '\\' + n;
          else out += n; // identity escape of a non-syntax char: plain char in JS `u` mode
      }
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') { inClass = true; out += c; if (src[i + 1] === '^') { out += '^'; i++; } if (src[i + 1] === ']') { out += '\\]'; i++; } continue; }
    if (c === '(') {
      if (src.startsWith('(?i:', i)) { groupStack.push(true); caseless++; out += '(?:'; i += 3; continue; }
      groupStack.push(false);
      out += c;
      continue;
    }
    if (c === ')') { if (groupStack.pop()) caseless--; out += c; continue; }
    if ((c === '+' || c === '*' || c === '?' || c === '}') && src[i + 1] === '+') {
      // Possessive quantifier: JS has none. Greedy is equivalent for the token-splitting patterns we meet,
      // whose possessive atoms are never followed by something that could match what they gave back.
      out += c;
      i++;
      continue;
    }
    if (caseless > 0 && /[A-Za-z]/.test(c)) { out += `[${c.toLowerCase()}${c.toUpperCase()}]`; continue; }
    out += c;
  }
  return out;
}

function unsupported(what: string): never {
  throw new Error(`Unsupported regex construct: ${what}`);
}

/**
 * All matches of `re` in `s` as [start, end) pairs, as Oniguruma's `find_iter` (what Rust `tokenizers` iterates)
 * yields them: after an empty match the search moves on by one character, an empty match right where the previous
 * match ended is skipped, and (unlike there) an empty match at the very end is left out, which changes no split.
 */
export function findAll(re: RegExp, s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  re.lastIndex = 0;
  let lastEnd = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (end === start) {
      re.lastIndex = start + (s.codePointAt(start)! > 0xffff ? 2 : 1);
      if (start >= s.length) break;
      if (start === lastEnd) continue;
    }
    out.push([start, end]);
    lastEnd = end;
  }
  return out;
}
