/**
 * Jinja2's builtin tests (`x is defined`, `select('equalto', 1)`), with Python's definitions.
 *
 * Differences from @huggingface/jinja that templates hit: `iterable`/`sequence` accept dicts and Undefined,
 * `number` accepts booleans (Python `bool` is an `int`), `integer` does not.
 */
import { PyError, pyStr } from './py-format';
import { pyCompare, pyContains, pyEq } from './py-ops';
import {
  type Value, isBool, isDict, isFloat, isFn, isInt, isList, isMarkup, isNamespace, isNone, isStr, isUndef,
} from './py-values';

type Test = (v: Value, args: Value[]) => boolean;

const arg = (args: Value[], name: string): Value => {
  const a = args[0];
  if (!a) throw new PyError(`TypeError: test '${name}' missing an argument`);
  return a;
};

export const TESTS: ReadonlyMap<string, Test> = new Map<string, Test>([
  ['defined', (v) => !isUndef(v)],
  ['undefined', (v) => isUndef(v)],
  ['none', (v) => isNone(v)],
  ['boolean', (v) => isBool(v)],
  ['false', (v) => isBool(v) && !v.value],
  ['true', (v) => isBool(v) && v.value],
  ['integer', (v) => isInt(v)],
  ['float', (v) => isFloat(v)],
  ['number', (v) => isInt(v) || isFloat(v) || isBool(v)],
  ['string', (v) => isStr(v)],
  ['mapping', (v) => isDict(v) && !isNamespace(v)],
  ['iterable', (v) => isStr(v) || isList(v) || (isDict(v) && !isNamespace(v)) || isUndef(v)],
  ['sequence', (v) => isStr(v) || isList(v) || (isDict(v) && !isNamespace(v)) || isUndef(v)],
  ['callable', (v) => isFn(v)],
  ['odd', (v) => oddEven(v) % 2 !== 0],
  ['even', (v) => oddEven(v) % 2 === 0],
  ['lower', (v) => { const s = pyStr(v); return s === s.toLowerCase() && s !== s.toUpperCase(); }],
  ['upper', (v) => { const s = pyStr(v); return s === s.toUpperCase() && s !== s.toLowerCase(); }],
  ['escaped', (v) => isMarkup(v)],
  ['divisibleby', (v, a) => oddEven(v) % oddEven(arg(a, 'divisibleby')) === 0],
  ['sameas', (v, a) => { const b = arg(a, 'sameas'); return v === b || (isNone(v) && isNone(b)) || (isBool(v) && isBool(b) && v.value === b.value); }],
  ['in', (v, a) => pyContains(arg(a, 'in'), v)],
  ...(['eq', 'equalto', '=='] as const).map((n): [string, Test] => [n, (v, a) => pyEq(v, arg(a, n))]),
  ...(['ne', '!='] as const).map((n): [string, Test] => [n, (v, a) => !pyEq(v, arg(a, n))]),
  ...(['lt', '<'] as const).map((n): [string, Test] => [n, (v, a) => pyCompare(v, arg(a, n)) < 0]),
  ...(['le', '<='] as const).map((n): [string, Test] => [n, (v, a) => pyCompare(v, arg(a, n)) <= 0]),
  ...(['gt', 'greaterthan', '>'] as const).map((n): [string, Test] => [n, (v, a) => pyCompare(v, arg(a, n)) > 0]),
  ...(['ge', '>='] as const).map((n): [string, Test] => [n, (v, a) => pyCompare(v, arg(a, n)) >= 0]),
  ...(['lessthan'] as const).map((n): [string, Test] => [n, (v, a) => pyCompare(v, arg(a, n)) < 0]),
]);

function oddEven(v: Value): number {
  if (isInt(v) || isBool(v)) return Number(v.value);
  if (isUndef(v)) throw new PyError('UndefinedError: value is undefined');
  throw new PyError('TypeError: not all arguments converted during string formatting');
}

export function applyTest(name: string, v: Value, args: Value[]): boolean {
  const t = TESTS.get(name);
  if (!t) throw new PyError(`No test named '${name}'.`);
  return t(v, args);
}
