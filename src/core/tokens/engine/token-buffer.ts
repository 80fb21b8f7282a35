import type { TokenArrays } from './chunked';

/**
 * Growable parallel arrays of tokens, written one token at a time: how a chunk's tokens are collected without a
 * token object, an offsets pair and seven array pushes per token.
 */
export class TokenBuffer {
  private ids = new Int32Array(256);
  private starts = new Int32Array(256);
  private ends = new Int32Array(256);
  private special = new Uint8Array(256);
  private readonly tokens: string[] = [];
  private length = 0;

  push(id: number, value: string, start: number, end: number, special: number): void {
    if (this.length === this.ids.length) this.grow();
    const k = this.length++;
    this.ids[k] = id;
    this.starts[k] = start;
    this.ends[k] = end;
    this.special[k] = special;
    this.tokens.push(value);
  }

  /** The tokens as exactly-sized arrays (copies: the buffer's own arrays are larger). */
  finish(): TokenArrays {
    const n = this.length;
    return { ids: this.ids.slice(0, n), starts: this.starts.slice(0, n), ends: this.ends.slice(0, n), special: this.special.slice(0, n), tokens: this.tokens };
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const ids = new Int32Array(size); ids.set(this.ids); this.ids = ids;
    const starts = new Int32Array(size); starts.set(this.starts); this.starts = starts;
    const ends = new Int32Array(size); ends.set(this.ends); this.ends = ends;
    const special = new Uint8Array(size); special.set(this.special); this.special = special;
  }
}
