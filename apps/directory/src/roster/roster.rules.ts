/** Order of members on a roster: chair, vice-chairs, secretary-general, members. */
const TITLE_RANK: Record<string, number> = { 主任: 1, 副主任: 2, 秘书长: 3, 委员: 4 };

export function rosterSortOrder(title: string, sequence: number): number {
  return (TITLE_RANK[title] ?? 9) * 10_000 + sequence;
}

/** The chair's council is the chair, the vice-chairs and the secretary-general. */
export function isChairsCouncil(title: string): boolean {
  return title === '主任' || title === '副主任' || title === '秘书长';
}
