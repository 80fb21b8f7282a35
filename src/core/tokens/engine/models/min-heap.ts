/** A binary min-heap of non-negative numbers (packed keys), kept in a growable typed array. */
export class MinHeap {
  private data = new Float64Array(64);
  size = 0;

  push(v: number): void {
    if (this.size === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const d = this.data;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (d[parent]! <= v) break;
      d[i] = d[parent]!;
      i = parent;
    }
    d[i] = v;
  }

  pop(): number {
    const d = this.data;
    const top = d[0]!;
    const last = d[--this.size]!;
    let i = 0;
    const n = this.size;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && d[child + 1]! < d[child]!) child++;
      if (d[child]! >= last) break;
      d[i] = d[child]!;
      i = child;
    }
    d[i] = last;
    return top;
  }
}
