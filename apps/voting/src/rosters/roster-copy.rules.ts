/**
 * Roster events carry the whole roster and a version that grows by one per change. A copy
 * applies an event only if it is newer than what it holds, so a late or replayed event never
 * rolls the roster back.
 */
export function shouldApply(heldVersion: number | undefined, incomingVersion: number): boolean {
  return heldVersion === undefined || incomingVersion > heldVersion;
}
