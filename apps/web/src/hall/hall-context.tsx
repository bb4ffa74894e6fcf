import { createContext, useContext } from 'react';
import type { HallEndReason } from './hall-auth';
import type { HallDevice } from './hall-device';

export interface HallContextValue {
  /** The device flag (undefined: not a hall tablet yet). */
  device: HallDevice | undefined;
  /** The bookmarked URL named an evaluation that is not an id. */
  invalidLink: boolean;
  /** Writes the flag (or removes it with undefined). */
  setDevice(device: HallDevice | undefined): void;
  /** The turn is ending: the screens show "正在退出登录" and nothing of the person. */
  ending: boolean;
  /** Ends the turn: sign-out at the identity provider, everything wiped, then /hall/done. */
  end(reason: HallEndReason | 'released'): void;
}

export const HallContext = createContext<HallContextValue | null>(null);

export function useHall(): HallContextValue {
  const context = useContext(HallContext);
  if (!context) throw new Error('useHall() outside the hall routes');
  return context;
}
