/** The ballot box of an open evaluation: a table of its own, dropped when the ballots are counted. */
export function ballotBoxTable(evaluationId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(evaluationId)) throw new Error(`not an evaluation id: ${evaluationId}`);
  return `ballot_box_${evaluationId.replace(/-/g, '')}`;
}
