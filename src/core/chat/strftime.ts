/**
 * Python `datetime.strftime` (C locale) for the `strftime_now` global transformers gives templates.
 *
 * Templates print today's date with it (Llama 3.x "Today Date: 26 Jul 2024", Granite, gpt-oss, SmolLM3).
 * The clock is an input (`now`) so renders are reproducible; `clock` picks the wall clock the fields are read
 * from: 'local' is what Python's `datetime.now()` does, 'utc' makes tests independent of the machine's zone.
 * glibc extensions `%-d`, `%-m`, `%-H`, `%-I`, `%-M`, `%-S`, `%-j` (no padding) are supported because
 * templates use them (`%-d %B %Y`).
 */
export type Clock = 'local' | 'utc';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Fields { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number; wd: number; offsetMin: number }

function fields(date: Date, clock: Clock): Fields {
  return clock === 'utc'
    ? { y: date.getUTCFullYear(), mo: date.getUTCMonth(), d: date.getUTCDate(), h: date.getUTCHours(), mi: date.getUTCMinutes(), s: date.getUTCSeconds(), ms: date.getUTCMilliseconds(), wd: date.getUTCDay(), offsetMin: 0 }
    : { y: date.getFullYear(), mo: date.getMonth(), d: date.getDate(), h: date.getHours(), mi: date.getMinutes(), s: date.getSeconds(), ms: date.getMilliseconds(), wd: date.getDay(), offsetMin: -date.getTimezoneOffset() };
}

function dayOfYear(f: Fields): number {
  return Math.round((Date.UTC(f.y, f.mo, f.d) - Date.UTC(f.y, 0, 1)) / 86_400_000) + 1;
}

/** Week number of the year, weeks starting on `firstDay` (0 = Sunday for %U, 1 = Monday for %W). */
function weekNumber(f: Fields, firstDay: number): number {
  const yday = dayOfYear(f) - 1;
  const wd = (f.wd - firstDay + 7) % 7;
  return Math.floor((yday + 7 - wd) / 7);
}

export function strftime(date: Date, format: string, clock: Clock = 'local'): string {
  const f = fields(date, clock);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const h12 = f.h % 12 === 0 ? 12 : f.h % 12;
  const conv = (c: string, pad: boolean): string | null => {
    const P = (n: number, w = 2): string => (pad ? p(n, w) : String(n));
    switch (c) {
      case 'a': return DAYS[f.wd]!.slice(0, 3);
      case 'A': return DAYS[f.wd]!;
      case 'w': return String(f.wd);
      case 'd': return P(f.d);
      case 'e': return pad ? String(f.d).padStart(2, ' ') : String(f.d);
      case 'b': case 'h': return MONTHS[f.mo]!.slice(0, 3);
      case 'B': return MONTHS[f.mo]!;
      case 'm': return P(f.mo + 1);
      case 'y': return P(f.y % 100);
      case 'Y': return String(f.y);
      case 'H': return P(f.h);
      case 'I': return P(h12);
      case 'p': return f.h < 12 ? 'AM' : 'PM';
      case 'M': return P(f.mi);
      case 'S': return P(f.s);
      case 'f': return p(f.ms * 1000, 6);
      case 'j': return P(dayOfYear(f), 3);
      case 'U': return P(weekNumber(f, 0));
      case 'W': return P(weekNumber(f, 1));
      case 'z': {
        if (clock === 'utc') return '+0000';
        const o = Math.abs(f.offsetMin);
        return `${f.offsetMin < 0 ? '-' : '+'}${p(Math.floor(o / 60))}${p(o % 60)}`;
      }
      case 'Z': return clock === 'utc' ? 'UTC' : '';
      case 'c': return `${DAYS[f.wd]!.slice(0, 3)} ${MONTHS[f.mo]!.slice(0, 3)} ${String(f.d).padStart(2, ' ')} ${p(f.h)}:${p(f.mi)}:${p(f.s)} ${f.y}`;
      case 'x': return `${p(f.mo + 1)}/${p(f.d)}/${p(f.y % 100)}`;
      case 'X': case 'T': return `${p(f.h)}:${p(f.mi)}:${p(f.s)}`;
      case 'D': return `${p(f.mo + 1)}/${p(f.d)}/${p(f.y % 100)}`;
      case 'F': return `${f.y}-${p(f.mo + 1)}-${p(f.d)}`;
      case 'R': return `${p(f.h)}:${p(f.mi)}`;
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return null;
    }
  };
  return format.replace(/%(-?)([a-zA-Z%])/g, (whole, dash: string, c: string) => conv(c, dash === '') ?? whole);
}
