/**
 * A set of ids kept in sorted order. Lists page by "everything after this id", so a cursor lookup is a
 * binary search and a page costs O(log n + page) even at 100k members.
 */
export class SortedIds {
  private arr: string[] = [];
  private readonly set = new Set<string>();
  /** Out-of-order inserts are appended and sorted on the next read, so bulk loads stay O(n log n). */
  private dirty = false;

  static from(ids: Iterable<string>): SortedIds {
    const s = new SortedIds();
    for (const id of ids) s.set.add(id);
    s.arr = [...s.set].sort(compare);
    return s;
  }

  get size(): number {
    return this.arr.length;
  }

  private sorted(): string[] {
    if (this.dirty) {
      this.arr.sort(compare);
      this.dirty = false;
    }
    return this.arr;
  }

  has(id: string): boolean {
    return this.set.has(id);
  }

  add(id: string): boolean {
    if (this.set.has(id)) return false;
    this.set.add(id);
    const last = this.arr[this.arr.length - 1];
    if (last !== undefined && compare(last, id) > 0) this.dirty = true;
    this.arr.push(id);
    return true;
  }

  delete(id: string): boolean {
    if (!this.set.delete(id)) return false;
    this.sorted();
    const i = this.lowerBound(id);
    if (this.arr[i] === id) this.arr.splice(i, 1);
    return true;
  }

  /** Index of the first id strictly greater than `id`. */
  upperBound(id: string): number {
    const arr = this.sorted();
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(arr[mid]!, id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lowerBound(id: string): number {
    let lo = 0;
    let hi = this.arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.arr[mid]!, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  at(i: number): string | undefined {
    return this.sorted()[i];
  }

  values(): readonly string[] {
    return this.sorted();
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
