/**
 * What was made for each item of a list, reused for the same item objects in the next version of
 * the list (issue 16). The rules hand back the same finding objects, in the same order, for
 * everything an edit did not touch, so the two lists share a long head and tail: those are matched
 * by position, and only the few items between them are looked up. A map of every item, built anew
 * on every edit, cost more than the conversions it saved in a file with thousands of findings.
 */
export class ListMemo<Item, Made> {
  private items: readonly Item[] = [];
  private made: Made[] = [];

  /**
   * `make(item)` for an item that was not in the last list (or not `keep`able); the last list's
   * result for the others. With `reuse` false nothing is reused (what was made is out of date).
   */
  map(items: readonly Item[], make: (item: Item) => Made, keep: (item: Item) => boolean, reuse = true): Made[] {
    const lastItems = reuse ? this.items : [];
    const lastMade = this.made;
    const shorter = Math.min(items.length, lastItems.length);
    let head = 0;
    while (head < shorter && items[head] === lastItems[head]) head++;
    let tail = 0;
    while (tail < shorter - head && items[items.length - 1 - tail] === lastItems[lastItems.length - 1 - tail]) tail++;
    let between: Map<Item, Made> | undefined;
    for (let at = head; at < lastItems.length - tail; at++) {
      if (!keep(lastItems[at])) continue;
      between ??= new Map();
      between.set(lastItems[at], lastMade[at]);
    }
    const made = new Array<Made>(items.length);
    const tailFrom = items.length - tail;
    const shift = lastItems.length - items.length;
    for (let at = 0; at < items.length; at++) {
      const item = items[at];
      if ((at < head || at >= tailFrom) && keep(item)) made[at] = lastMade[at < head ? at : at + shift];
      else made[at] = between?.get(item) ?? make(item);
    }
    this.items = items;
    this.made = made;
    return made;
  }
}
