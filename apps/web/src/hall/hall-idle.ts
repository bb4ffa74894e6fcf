// When an idle member is warned and signed out (pure; tested in hall-idle.spec.ts; the timer
// that calls it is useIdleSignOut in HallFrame.tsx).

export type IdlePhase = 'active' | 'warning' | 'expired';

export interface IdleState {
  phase: IdlePhase;
  /** Whole seconds until the sign-out (0 once expired). */
  secondsLeft: number;
}

/** The warning comes a minute before the sign-out, or halfway for limits under two minutes. */
export function warningSeconds(idleSeconds: number): number {
  return Math.min(60, Math.floor(idleSeconds / 2));
}

/** Where a member stands `now` (ms), having last touched the screen at `lastActivity` (ms). */
export function idleState(now: number, lastActivity: number, idleSeconds: number): IdleState {
  const left = idleSeconds * 1000 - Math.max(0, now - lastActivity);
  if (left <= 0) return { phase: 'expired', secondsLeft: 0 };
  const secondsLeft = Math.ceil(left / 1000);
  return { phase: secondsLeft <= warningSeconds(idleSeconds) ? 'warning' : 'active', secondsLeft };
}
