/**
 * The per-item memo of the service's findings → fixes → diagnostics (service/listMemo.ts): the
 * same item object gets what was made for it last time, wherever an edit moved it in the list.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ListMemo } from '../../../server/src/service/listMemo';

interface Item { name: string }
const items = (...names: string[]): Item[] => names.map((name) => ({ name }));

function memoCountingMakes(): { memo: ListMemo<Item, { of: Item }>; made: Item[]; map: (list: Item[], keep?: (item: Item) => boolean, reuse?: boolean) => { of: Item }[] } {
  const memo = new ListMemo<Item, { of: Item }>();
  const made: Item[] = [];
  const map = (list: Item[], keep: (item: Item) => boolean = () => true, reuse = true) => memo.map(list, (item) => {
    made.push(item);
    return { of: item };
  }, keep, reuse);
  return { memo, made, map };
}

test('an item kept in its place, moved by an insertion or a removal, or reordered gets what was made for it', () => {
  const [a, b, c, d, e] = items('a', 'b', 'c', 'd', 'e');
  const { made, map } = memoCountingMakes();
  const first = map([a, b, c, d]);
  assert.deepEqual(made, [a, b, c, d]);
  made.length = 0;
  const inserted = map([a, b, e, c, d]);
  assert.deepEqual(made, [e], 'only the new item is made');
  assert.deepEqual(inserted.map((result) => result.of), [a, b, e, c, d]);
  assert.equal(inserted[0], first[0]);
  assert.equal(inserted[3], first[2]);
  assert.equal(inserted[4], first[3]);
  made.length = 0;
  const removed = map([a, c, d]);
  assert.deepEqual(made, []);
  assert.deepEqual(removed.map((result) => result.of), [a, c, d]);
  const swapped = map([c, a, d]);
  assert.deepEqual(made, [], 'a reordered item is found between the common head and tail');
  assert.deepEqual([swapped[0], swapped[1], swapped[2]], [removed[1], removed[0], removed[2]]);
  const grown = map([c, a, d, b, e]);
  assert.deepEqual(made, [b, e]);
  assert.deepEqual(grown.map((result) => result.of), [c, a, d, b, e]);
  made.length = 0;
  assert.deepEqual(map([]), []);
  map([a]);
  assert.deepEqual(made, [a], 'after an empty list nothing is left to reuse');
});

test('an item that may not be kept, or a list whose results are out of date, is made again', () => {
  const [a, b, c] = items('a', 'b', 'c');
  const { made, map } = memoCountingMakes();
  map([a, b, c]);
  made.length = 0;
  map([a, b, c], (item) => item !== b);
  assert.deepEqual(made, [b]);
  made.length = 0;
  map([c, b, a], (item) => item !== b);
  assert.deepEqual(made, [b], 'not kept in the middle either');
  made.length = 0;
  map([c, b, a], () => true, false);
  assert.deepEqual(made, [c, b, a]);
});
