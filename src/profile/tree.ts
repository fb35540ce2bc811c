/**
 * Walking a profile's call tree without recursion.
 */

import type { ProfileNode } from '../vm/profiler.js';

/**
 * Visits a call tree depth-first, each node before its children and the
 * children in the tree's order, with the root at depth 0. The walk keeps its
 * own stack: deep recursion in a script makes a call tree as deep.
 */
export function walkTree(root: ProfileNode, visit: (node: ProfileNode, depth: number) => void): void {
  const nodes: ProfileNode[] = [root];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop() as ProfileNode;
    const depth = depths.pop() as number;
    visit(node, depth);
    for (let i = node.children.length - 1; i >= 0; i--) {
      nodes.push(node.children[i]);
      depths.push(depth + 1);
    }
  }
}
