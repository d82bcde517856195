/**
 * The catalog's paths as a tree of segments, so that resolving and completing an OMA-URI walks it
 * segment by segment: literal children by lower-case name, at most one dynamic child ({TenantId}).
 */
import { isDynamicSegment } from './omaUriSegments';
import type { CatalogNode } from './types';

export interface SegmentTreeNode {
  /** Canonical spelling ("PassportForWork", "{TenantId}"). */
  segment: string;
  /** Canonical path of this tree node (with "./"). */
  path: string;
  node?: CatalogNode;
  literal: Map<string, SegmentTreeNode>;
  dynamic?: SegmentTreeNode;
  parent?: SegmentTreeNode;
}

function createTreeNode(segment: string, path: string, parent?: SegmentTreeNode): SegmentTreeNode {
  return { segment, path, literal: new Map(), parent };
}

/** The root "." with children "Device" and "User". */
export function buildSegmentTree(nodes: readonly CatalogNode[]): SegmentTreeNode {
  const root = createTreeNode('.', '.');
  for (const node of nodes) {
    const segments = node.path.replace(/^\.\//, '').split('/');
    let current = root;
    for (const segment of segments) {
      const path = `${current.path}/${segment}`;
      if (isDynamicSegment(segment)) {
        current.dynamic ??= createTreeNode(segment, path, current);
        current = current.dynamic;
      } else {
        const key = segment.toLowerCase();
        let child = current.literal.get(key);
        if (!child) {
          child = createTreeNode(segment, path, current);
          current.literal.set(key, child);
        }
        current = child;
      }
    }
    current.node = node;
  }
  return root;
}

/** Literal match first (any letter case), then the dynamic child, which accepts any text. */
export function childFor(parent: SegmentTreeNode, text: string): { child?: SegmentTreeNode; viaDynamic: boolean } {
  const literal = parent.literal.get(text.toLowerCase());
  if (literal) return { child: literal, viaDynamic: false };
  if (parent.dynamic && text !== '') return { child: parent.dynamic, viaDynamic: true };
  return { viaDynamic: false };
}

export function hasChildren(treeNode: SegmentTreeNode): boolean {
  return treeNode.literal.size > 0 || treeNode.dynamic !== undefined;
}
