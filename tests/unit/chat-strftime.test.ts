/** strftime_now matches Python's datetime.strftime for the formats templates use (live Python oracle). */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderTemplate, strftime } from '../../src/core/chat';
import { type PyResult, renderWithPython } from '../fixtures/chat/python-oracle';

const FORMATS = ['%d %b %Y', '%-d %B %Y', '%Y-%m-%d', '%B %d, %Y', '%A %a %y %j', '%H:%M:%S %p %I', '%-m/%-d/%y %-H:%-M', '%U %W %w %%', '%e|%D|%F|%T|%R'];
const INSTANTS = ['2025-07-10T12:00:00Z', '2024-01-01T00:05:09Z', '2023-12-31T23:59:59Z', '2024-02-29T07:30:00Z'];

describe('strftime_now', () => {
  const jobs = INSTANTS.flatMap((now) => FORMATS.map((f) => ({ now, f })));
  let py: PyResult[] = [];
  beforeAll(() => {
    py = renderWithPython(jobs.map(({ now, f }) => ({ template: `{{ strftime_now(${JSON.stringify(f)}) }}`, context: {}, now })));
  });
  it.each(jobs.map((j, i) => [j.f, j.now, i] as const))('%s at %s', (f, now, i) => {
    const r = renderTemplate({ template: `{{ strftime_now(${JSON.stringify(f)}) }}`, context: {}, now: new Date(now), clock: 'utc' });
    expect(r.usedStrftime).toBe(true);
    const want = py[i]!;
    expect(r.text).toBe('text' in want ? want.text : want.error);
  });
  it('local clock reads the local wall clock', () => {
    const d = new Date(2025, 6, 10, 9, 3);
    expect(strftime(d, '%Y-%m-%d %H:%M', 'local')).toBe('2025-07-10 09:03');
  });
});
