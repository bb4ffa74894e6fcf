import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { todayInBeijing } from '../../../format/date';
import { useFormat } from '../../../format/useFormat';
import { daysUntil } from '../ledger-filters';
import { PROBLEM_STATUS_COLORS, type ProblemItem, type ProblemStatus, type TrafficLight } from './types';

const LIGHT_COLORS: Record<TrafficLight, string> = { green: 'success', yellow: 'warning', red: 'error' };

export function StatusTag({ status }: { status: ProblemStatus }) {
  const { t } = useTranslation();
  return <Tag color={PROBLEM_STATUS_COLORS[status]}>{t(`problemStatus.${status}`)}</Tag>;
}

/** 红黄绿灯: the colour and its word (never colour alone); only while the problem is being rectified (a closed or draft one has none). */
export function LightTag({ light, status }: { light: TrafficLight; status?: ProblemStatus }) {
  const { t } = useTranslation();
  if (status === 'closed' || status === 'draft') return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={LIGHT_COLORS[light]} className={`light-tag light-${light}`} aria-label={t('trafficLight.label', { light: t(`trafficLight.${light}`) })}>
      <span aria-hidden className="light-dot" style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: 'currentColor', marginInlineEnd: 6 }} />
      {t(`trafficLight.${light}`)}
    </Tag>
  );
}

/** The deadline and, while the problem is open, the days left or overdue. */
export function DeadlineText({ problem, compact }: { problem: Pick<ProblemItem, 'deadline' | 'status' | 'overdue'>; compact?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!problem.deadline) return <Typography.Text type="secondary">—</Typography.Text>;
  const open = problem.status !== 'closed' && problem.status !== 'draft';
  const days = daysUntil(problem.deadline, todayInBeijing());
  const hint = !open ? null : days < 0 ? t('problemDetail.daysOverdue', { count: -days }) : days === 0 ? t('problemDetail.dueToday') : t('problemDetail.daysLeft', { count: days });
  return (
    <Space orientation={compact ? 'vertical' : 'horizontal'} size={0} wrap>
      <span className="nowrap">{format.date(problem.deadline)}</span>
      {hint && (
        <Typography.Text type={days < 0 ? 'danger' : days <= 7 ? 'warning' : 'secondary'} style={{ fontSize: 12, marginInlineStart: compact ? 0 : 8 }}>
          {hint}
        </Typography.Text>
      )}
    </Space>
  );
}
