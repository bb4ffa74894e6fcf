import { LogoutOutlined } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHall } from './hall-context';
import { idleState, type IdleState } from './hall-idle';

/** What counts as the member still being there: a touch, a click, a key, a scroll. */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
const TICK_MS = 1000;

/**
 * Signs a signed-in person out of the hall tablet after `idleSeconds` without activity, warning
 * them with a countdown first (hall-idle.ts: a minute before, or halfway for short limits). Any
 * touch or key resets it, 「继续」 included. Time is read from the clock on every tick, so a tablet
 * whose screen went dark (timers paused) signs out as soon as it wakes if the time has passed.
 */
export function HallIdleGuard({ idleSeconds }: { idleSeconds: number }) {
  const { t } = useTranslation();
  const { end } = useHall();
  const lastActivity = useRef(0);
  const continueButton = useRef<HTMLButtonElement>(null);
  const [idle, setIdle] = useState<IdleState>({ phase: 'active', secondsLeft: idleSeconds });

  const tick = useEffectEvent(() => {
    const next = idleState(Date.now(), lastActivity.current, idleSeconds);
    setIdle((previous) => (previous.phase === next.phase && previous.secondsLeft === next.secondsLeft ? previous : next));
    if (next.phase === 'expired') end('idle');
  });

  useEffect(() => {
    lastActivity.current = Date.now();
    const onActivity = () => {
      lastActivity.current = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    const timer = window.setInterval(tick, TICK_MS);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, []);

  const keepAlive = () => {
    lastActivity.current = Date.now();
    setIdle({ phase: 'active', secondsLeft: idleSeconds });
  };

  return (
    <Modal
      open={idle.phase === 'warning'}
      title={t('hall.idle.title')}
      closable={false}
      maskClosable
      keyboard
      onCancel={keepAlive}
      // 继续 takes the focus: Enter keeps the session, it never signs out by surprise.
      afterOpenChange={(open) => open && continueButton.current?.focus()}
      className="hall-idle-modal"
      footer={
        <div className="hall-idle-actions">
          <Button size="large" onClick={() => end('exit')}>
            {t('hall.idle.exitNow')}
          </Button>
          <Button ref={continueButton} type="primary" size="large" onClick={keepAlive}>
            {t('hall.idle.continue')}
          </Button>
        </div>
      }
    >
      <p className="hall-idle-text" role="timer" aria-live="polite" data-testid="hall-idle-countdown">
        {t('hall.idle.text', { seconds: idle.secondsLeft })}
      </p>
    </Modal>
  );
}

/** 退出: ends the turn now (signs out at the identity provider, wipes the tablet). On the red header unless `inCard`. */
export function HallExitButton({ inCard = false }: { inCard?: boolean }) {
  const { t } = useTranslation();
  const { end } = useHall();
  return (
    <Button size="large" ghost={!inCard} block={inCard} icon={<LogoutOutlined />} className="hall-exit" aria-label={t('hall.exitLabel')} onClick={() => end('exit')}>
      {t('hall.exit')}
    </Button>
  );
}
