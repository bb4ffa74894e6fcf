import { Descriptions, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { EVALUATION_GRADES } from '../../api/enums';
import type { EvaluationGrade, EvaluationResult, EvaluationRule, EvaluationStatus } from '../../api/types';
import { useApiQuery } from '../../api/useApiQuery';
import { EChart } from '../../components/charts/EChart';
import type { ChartOption } from '../../components/charts/echarts';
import { useFormat } from '../../format/useFormat';
import { theme } from '../../theme/theme';
import { fraction, percent } from './evaluation-logic';

/** Grade colours from the theme: satisfied green, basically satisfied blue, unsatisfied red; not voting grey. */
export const GRADE_COLORS: Record<EvaluationGrade | 'notVoting', string> = {
  satisfied: theme.token?.colorSuccess ?? '#2e7d32',
  basic: theme.token?.colorInfo ?? '#1f5fa8',
  unsatisfied: theme.token?.colorError ?? '#c62828',
  notVoting: '#8c96a3',
};

const STATUS_TAG: Record<EvaluationStatus, string> = { draft: 'default', open: 'processing', closed: 'success', postponed: 'warning' };
const GRADE_TAG: Record<EvaluationGrade, string> = { satisfied: 'success', basic: 'blue', unsatisfied: 'error' };

export function StatusTag({ status }: { status: EvaluationStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_TAG[status]}>{t(`evaluations.status.${status}`)}</Tag>;
}

export function GradeTag({ grade, large }: { grade: EvaluationGrade; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={GRADE_TAG[grade]} className={large ? 'grade-tag-large' : undefined}>
      {t(`grade.${grade}`)}
    </Tag>
  );
}

/** The names of the unit's bodies (承办单位), by id: for the create form and statistics by body. */
export function useBodies(unitCode: string | undefined) {
  const bodies = useApiQuery(unitCode ? ['bodies', unitCode] : null, (signal) =>
    unwrap(api.GET('/api/v1/units/{code}/bodies', { params: { path: { code: unitCode! }, query: { limit: 200 } }, signal })),
  );
  const names = useMemo(() => new Map((bodies.data?.items ?? []).map((b) => [b.id, b.name])), [bodies.data]);
  return { ...bodies, names };
}

/** The rule in force, in words: quorum, the base of the count, the thresholds, the deferred report. */
export function RuleDescription({ rule }: { rule: EvaluationRule }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
      <Descriptions.Item label={t('evaluations.rule.quorum')}>{t('evaluations.rule.quorumText', { value: fraction(rule.quorumAbove) })}</Descriptions.Item>
      <Descriptions.Item label={t('evaluations.rule.base')}>{t(`evaluations.rule.bases.${rule.base}`)}</Descriptions.Item>
      <Descriptions.Item label={t('evaluations.rule.satisfied')}>{t('evaluations.rule.satisfiedText', { value: fraction(rule.satisfiedAbove) })}</Descriptions.Item>
      <Descriptions.Item label={t('evaluations.rule.acceptable')}>{t('evaluations.rule.acceptableText', { value: fraction(rule.acceptableAbove) })}</Descriptions.Item>
      <Descriptions.Item label={t('evaluations.rule.deferred')}>{t('evaluations.rule.deferredText', { months: rule.deferredReportMonths })}</Descriptions.Item>
    </Descriptions>
  );
}

/** The result's counts as a bar chart (satisfied, basic, unsatisfied, not voting), for a page or the hall's screen. */
export function useResultChart(result: EvaluationResult | undefined, options: { dark?: boolean; fontSize?: number } = {}): ChartOption | undefined {
  const { t } = useTranslation();
  const { dark, fontSize = 14 } = options;
  return useMemo<ChartOption | undefined>(() => {
    if (!result) return undefined;
    const keys = [...EVALUATION_GRADES, 'notVoting'] as const;
    const text = dark ? '#ffffff' : '#333333';
    return {
      animationDuration: 600,
      grid: { left: fontSize * 3, right: fontSize, top: fontSize * 2.5, bottom: fontSize * 2.5 },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: keys.map((k) => (k === 'notVoting' ? t('evaluations.result.notVoting') : t(`grade.${k}`))),
        axisLabel: { fontSize, color: text },
        axisLine: { lineStyle: { color: dark ? '#9aa4b2' : '#c0c4cc' } },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: Math.round(fontSize * 0.8), color: text }, splitLine: { lineStyle: { color: dark ? '#2a3445' : '#eeeeee' } } },
      series: [
        {
          type: 'bar',
          name: t('evaluations.result.count'),
          barMaxWidth: fontSize * 5,
          label: { show: true, position: 'top', fontSize: Math.round(fontSize * 1.2), fontWeight: 'bold', color: text },
          data: keys.map((k) => ({ value: result.counts[k], itemStyle: { color: GRADE_COLORS[k] } })),
        },
      ],
    };
  }, [result, dark, fontSize, t]);
}

/** The announced result: counts, rates, grade, chart, who counted. */
export function ResultView({ result }: { result: EvaluationResult }) {
  const { t } = useTranslation();
  const format = useFormat();
  const option = useResultChart(result);
  return (
    <div className="evaluation-result">
      <div className="evaluation-result-figures">
        <div className="evaluation-result-grade">
          <Typography.Text type="secondary">{t('evaluations.result.grade')}</Typography.Text>
          <GradeTag grade={result.grade} large />
          <Typography.Text type={result.passed ? 'success' : 'danger'}>{result.passed ? t('evaluations.result.passed') : t('evaluations.result.failed')}</Typography.Text>
        </div>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
          {EVALUATION_GRADES.map((g) => (
            <Descriptions.Item key={g} label={t(`grade.${g}`)}>
              {t('evaluations.result.people', { count: result.counts[g] })}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('evaluations.result.notVoting')}>{t('evaluations.result.people', { count: result.counts.notVoting })}</Descriptions.Item>
          <Descriptions.Item label={t('evaluations.result.ballots')}>{t('evaluations.result.people', { count: result.ballots })}</Descriptions.Item>
          <Descriptions.Item label={t('evaluations.result.presentOfRoster')}>{t('evaluations.result.presentOfRosterValue', { present: result.present, roster: result.roster })}</Descriptions.Item>
          <Descriptions.Item label={t('evaluations.result.satisfactionRate')}>
            <strong>{percent(result.satisfactionRate)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('evaluations.result.satisfiedRate')}>{percent(result.satisfiedRate)}</Descriptions.Item>
          <Descriptions.Item label={t('evaluations.result.base')}>{t('evaluations.result.baseValue', { base: result.base, kind: t(`evaluations.rule.bases.${result.rule.base}`) })}</Descriptions.Item>
          <Descriptions.Item label={t('evaluations.result.source')}>{t(`evaluations.result.sources.${result.source}`)}</Descriptions.Item>
          {result.clerk && <Descriptions.Item label={t('evaluations.paper.clerk')}>{result.clerk}</Descriptions.Item>}
          {result.scrutineers.length > 0 && <Descriptions.Item label={t('evaluations.paper.scrutineers')}>{result.scrutineers.join(t('evaluations.listSeparator'))}</Descriptions.Item>}
          <Descriptions.Item label={t('evaluations.result.recordedAt')}>{format.dateTime(result.recordedAt)}</Descriptions.Item>
          {result.deferredReportDue && <Descriptions.Item label={t('evaluations.result.deferredReportDue')}>{format.date(result.deferredReportDue)}</Descriptions.Item>}
        </Descriptions>
      </div>
      {option && <EChart option={option} ariaLabel={t('evaluations.result.chart')} height={280} />}
      <Typography.Paragraph type="secondary" className="evaluation-result-note">
        {t('evaluations.result.rateNote')}
      </Typography.Paragraph>
      {result.corrections.length > 0 && (
        <Descriptions size="small" column={1} title={t('evaluations.result.corrections')} bordered>
          {result.corrections.map((c) => (
            <Descriptions.Item key={c.at} label={`${format.dateTime(c.at)} · ${c.by}`}>
              {c.reason}: {EVALUATION_GRADES.map((g) => `${t(`grade.${g}`)} ${c.counts[g]}`).join(t('evaluations.listSeparator'))}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </div>
  );
}
