import type { UnitNode } from '../api/types';

/** The node with this code in a forest of unit trees. */
export function findUnit(forest: readonly UnitNode[], code: string): UnitNode | undefined {
  for (const node of forest) {
    if (node.code === code) return node;
    const found = findUnit(node.children, code);
    if (found) return found;
  }
  return undefined;
}

/** Every unit of a subtree, the root first. */
export function flattenUnits(root: UnitNode): UnitNode[] {
  return [root, ...root.children.flatMap(flattenUnits)];
}

/** Province and city users look at their descendants; county users and liaisons have nothing to switch to. */
export function canSwitchUnits(own: UnitNode | undefined, portalOnly: boolean): boolean {
  return !!own && !portalOnly && own.level !== 'county' && own.children.length > 0;
}
