/**
 * Walking a checklist's items with their children: the view, the progress counts, the export,
 * the API and the reset all see the same items in the same (depth-first, guide) order.
 */
import type { ChecklistItem } from './types';

/** Every item, each followed by its children, depth first. */
export function allItems(items: readonly ChecklistItem[]): ChecklistItem[] {
  return items.flatMap((item) => [item, ...allItems(item.children ?? [])]);
}

/** The id of every item's parent (top-level items have none). */
export function parentIds(items: readonly ChecklistItem[]): Map<string, string> {
  const parents = new Map<string, string>();
  const walk = (list: readonly ChecklistItem[], parent?: string): void => {
    for (const item of list) {
      if (parent) parents.set(item.id, parent);
      walk(item.children ?? [], item.id);
    }
  };
  walk(items);
  return parents;
}
