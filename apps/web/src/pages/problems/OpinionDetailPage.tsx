import { PlusOutlined, SendOutlined, UnorderedListOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Progress, Row, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiError, isAbort } from '../../api/problem';
import { actionsOf } from '../../api/actions';
import { useApiQuery } from '../../api/useApiQuery';
import { usePermissions } from '../../app/permissions';
import { describeError } from '../../components/errors';
import { PageContainer } from '../../components/PageContainer';
import { StatusView } from '../../components/StatusView';
import { useFormat } from '../../format/useFormat';
import { DownloadButton } from '../../components/DownloadButton';
import { FormModal } from '../../components/FormModal';
import { LetterButton } from './components/LetterButton';
import { ProblemFields } from './components/ProblemFields';
import { problemBody, type ProblemFormValues } from './components/problem-form';
import { DeadlineText, LightTag, StatusTag } from './components/labels';
import type { Opinion, ProblemItem } from './components/types';
import { fetchWithUploadProgress, type UploadProgress } from './components/upload';
import { useBodies } from './components/useBodies';
import { sheetError } from './ledger-filters';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 审议意见: the opinion, its problem list, transmission (交办), the Excel import of a problem list
 * (with the rows the API refused) and the assignment letter (交办函) to each responsible body.
 */
export default function OpinionDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [rev, setRev] = useState(0);
  const refresh = () => setRev((n) => n + 1);
  const opinion = useApiQuery(['opinion', id, rev], (signal) => unwrap(api.GET('/api/v1/opinions/{id}', { params: { path: { id } }, signal })));
  const problems = useApiQuery(['opinion-problems', id, rev], async (signal) => {
    // The whole list (an opinion has tens of problems, at most a few hundred): page through it.
    const items: ProblemItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await unwrap(api.GET('/api/v1/opinions/{id}/problems', { params: { path: { id }, query: { limit: 200, ...(cursor ? { cursor } : {}) } }, signal }));
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  });

  if (opinion.error && !opinion.data) {
    const status = opinion.error instanceof ApiError ? opinion.error.status : 0;
    const back = (
      <Link to="/problems">
        <Button>{t('action.back')}</Button>
      </Link>
    );
    return (
      <PageContainer description={t('opinion.description')}>
        <Card>
          {status === 404 ? (
            <StatusView kind="not-found" title={t('opinion.notFound')} action={back} />
          ) : status === 403 ? (
            <StatusView kind="forbidden" action={back} />
          ) : (
            <StatusView kind="error" error={opinion.error} onRetry={opinion.reload} action={back} />
          )}
        </Card>
      </PageContainer>
    );
  }
  if (!opinion.data) {
    return (
      <PageContainer description={t('opinion.description')}>
        <Card>
          <StatusView kind="loading" />
        </Card>
      </PageContainer>
    );
  }
  return <Loaded opinion={opinion.data} problems={problems.data} problemsError={problems.error} reloadProblems={problems.reload} refresh={refresh} />;
}

function Loaded({
  opinion,
  problems,
  problemsError,
  reloadProblems,
  refresh,
}: {
  opinion: Opinion;
  problems: ProblemItem[] | undefined;
  problemsError: unknown;
  reloadProblems: () => void;
  refresh: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const can = usePermissions();
  const bodies = useBodies(opinion.unitCode);
  const project = useApiQuery(['project', opinion.projectId], (signal) => unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id: opinion.projectId } }, signal })));
  const [transmitting, setTransmitting] = useState(false);
  const [adding, setAdding] = useState(false);
  // What this caller may do with the opinion now, from issue-tracking's rules (allowedActions).
  const act = actionsOf(opinion);
  const mayAdd = act.may('add-problems');
  const transmitted = opinion.status === 'transmitted';
  const offerTransmit = act.offered('transmit') && can.call('POST /api/v1/opinions/{id}/transmit');
  const mayImport = act.may('add-problems') && can.call('POST /api/v1/opinions/{id}/problems:import');

  const columns = useMemo<TableColumnsType<ProblemItem>>(
    () => [
      {
        title: t('problems.columns.description'),
        dataIndex: 'description',
        render: (_: unknown, p: ProblemItem) => (
          <>
            <Link to={`/problems/${p.id}`} className="project-title-cell">
              {p.number}
            </Link>
            <Typography.Paragraph style={{ margin: '2px 0 0' }} ellipsis={{ rows: 2, tooltip: p.description }}>
              {p.description}
            </Typography.Paragraph>
          </>
        ),
      },
      {
        title: t('problems.columns.body'),
        dataIndex: 'responsibleBodyId',
        width: 180,
        render: (_: unknown, p: ProblemItem) => (
          <>
            <div>{bodies.name(p.responsibleBodyId) ?? '…'}</div>
            {p.coBodyIds.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('problems.coBodies', { names: p.coBodyIds.map((b) => bodies.name(b) ?? '…').join(t('problemDetail.listSeparator')) })}
              </Typography.Text>
            )}
          </>
        ),
      },
      { title: t('problems.columns.deadline'), dataIndex: 'deadline', width: 120, render: (_: unknown, p: ProblemItem) => <DeadlineText problem={p} compact /> },
      { title: t('problems.columns.status'), dataIndex: 'status', width: 100, render: (s: ProblemItem['status']) => <StatusTag status={s} /> },
      { title: t('problems.columns.light'), dataIndex: 'light', width: 84, render: (_: unknown, p: ProblemItem) => <LightTag light={p.light} status={p.status} /> },
    ],
    [t, bodies],
  );

  // The bodies the list is assigned to (lead or co-body), each with its letter.
  const letterBodies = useMemo(() => {
    const count = new Map<string, number>();
    for (const p of problems ?? []) for (const b of [p.responsibleBodyId, ...p.coBodyIds]) count.set(b, (count.get(b) ?? 0) + 1);
    return [...count].map(([bodyId, n]) => ({ bodyId, n }));
  }, [problems]);

  return (
    <PageContainer
      title={`${t('nav.opinionDetail')} · ${opinion.session}`}
      description={t('opinion.description')}
      extra={
        <>
          <Link to={`/problems?opinion=${opinion.id}`}>
            <Button icon={<UnorderedListOutlined />}>{t('opinion.toLedger')}</Button>
          </Link>
          {offerTransmit && (
            <Button type="primary" icon={<SendOutlined />} onClick={() => setTransmitting(true)} disabled={!act.may('transmit')} title={act.reason('transmit')}>
              {t('opinion.transmit')}
            </Button>
          )}
        </>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('opinion.info')}>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'session', label: t('opinion.session'), children: opinion.session },
                  { key: 'on', label: t('opinion.deliberatedOn'), children: format.date(opinion.deliberatedOn) },
                  {
                    key: 'project',
                    label: t('opinion.project'),
                    span: 'filled',
                    children: <Link to={`/projects/${opinion.projectId}`}>{project.data?.title ?? t('opinion.toProject')}</Link>,
                  },
                  {
                    key: 'status',
                    label: t('opinion.status'),
                    children: <Tag color={transmitted ? 'success' : 'default'}>{t(transmitted ? 'opinion.statusTransmitted' : 'opinion.statusDraft')}</Tag>,
                  },
                  { key: 'at', label: t('opinion.transmittedAt'), children: format.dateTime(opinion.transmittedAt) || '—' },
                  { key: 'due', label: t('opinion.reportDueDate'), children: format.date(opinion.reportDueDate) || '—' },
                  { key: 'count', label: t('opinion.problemCount'), children: opinion.problemCount },
                  ...(opinion.deferredReportDue ? [{ key: 'deferred', label: t('opinion.deferredReportDue'), children: format.date(opinion.deferredReportDue) }] : []),
                ]}
              />
              <Typography.Title level={5}>{t('opinion.text')}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 6, expandable: 'collapsible' }}>
                {opinion.text}
              </Typography.Paragraph>
            </Card>

            <Card
              size="small"
              title={t('opinion.problems')}
              extra={
                mayAdd && (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                    {t('opinion.addProblem')}
                  </Button>
                )
              }
            >
              {problemsError && !problems ? (
                <StatusView kind="error" compact error={problemsError} onRetry={reloadProblems} />
              ) : (
                <Table<ProblemItem>
                  rowKey="id"
                  columns={columns}
                  dataSource={problems ?? []}
                  loading={!problems}
                  pagination={(problems?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                  tableLayout="fixed"
                  scroll={{ x: 680 }}
                  locale={{
                    emptyText: !problems ? (
                      <StatusView kind="loading" compact />
                    ) : (
                      <StatusView kind="empty" compact title={t('opinion.problemsEmpty')} description={mayImport ? t('opinion.problemsEmptyHint') : undefined} />
                    ),
                  }}
                />
              )}
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {mayImport && (
              <ImportCard
                opinionId={opinion.id}
                onImported={(count) => {
                  void message.success(t('opinion.imported', { count }));
                  refresh();
                }}
              />
            )}
            <Card size="small" title={t('opinion.letters')}>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('opinion.lettersHint')}
              </Typography.Paragraph>
              {!problems ? (
                <StatusView kind="loading" compact />
              ) : letterBodies.length === 0 ? (
                <StatusView kind="empty" compact />
              ) : (
                <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('opinion.letters')}>
                  {letterBodies.map(({ bodyId, n }) => (
                    <li key={bodyId} style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, padding: '4px 0' }}>
                      <span>
                        {bodies.name(bodyId) ?? '…'}{' '}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('opinion.problemsOfBody', { count: n })}
                        </Typography.Text>
                      </span>
                      <LetterButton opinionId={opinion.id} bodyId={bodyId} bodyName={bodies.name(bodyId) ?? ''} />
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </Space>
        </Col>
      </Row>

      {adding && (
        <FormModal<ProblemFormValues>
          title={t('opinion.addProblem')}
          okText={t('form.submit')}
          initialValues={{ coBodyIds: [], requiredEvidence: [] }}
          onCancel={() => setAdding(false)}
          submit={async (values) => {
            await unwrap(api.POST('/api/v1/opinions/{id}/problems', { params: { path: { id: opinion.id } }, body: { ...problemBody(values, true), findingId: null } }));
            void message.success(t('opinion.problemAdded'));
            setAdding(false);
            refresh();
          }}
        >
          {() => (
            <>
              {transmitted && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('opinion.addAfterTransmit')} />}
              <ProblemFields scope="full" bodies={bodies.bodies} withDeadline />
            </>
          )}
        </FormModal>
      )}

      {transmitting && (
        <FormModal<{ reportDueDate?: Dayjs; defaultDeadline?: Dayjs }>
          title={t('opinion.transmitTitle')}
          okText={t('opinion.transmit')}
          onCancel={() => setTransmitting(false)}
          submit={async (values) => {
            await unwrap(
              api.POST('/api/v1/opinions/{id}/transmit', {
                params: { path: { id: opinion.id } },
                body: {
                  reportDueDate: values.reportDueDate?.format('YYYY-MM-DD') ?? '',
                  ...(values.defaultDeadline ? { defaultDeadline: values.defaultDeadline.format('YYYY-MM-DD') } : {}),
                },
              }),
            );
            void message.success(t('opinion.transmitted'));
            setTransmitting(false);
            refresh();
          }}
        >
          {() => (
            <>
              <Typography.Paragraph type="secondary">{t('opinion.transmitHint')}</Typography.Paragraph>
              <Form.Item name="reportDueDate" label={t('opinion.reportDueDate')} rules={[{ required: true, message: t('form.required') }]}>
                <DatePicker style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="defaultDeadline" label={t('opinion.defaultDeadline')}>
                <DatePicker style={{ width: 200 }} />
              </Form.Item>
            </>
          )}
        </FormModal>
      )}
    </PageContainer>
  );
}

interface RowError {
  key: string;
  row?: number;
  column?: string;
  reason: string;
}

/** 导入问题清单: upload an .xlsx with progress; the API's refusals by row and column in a table. */
function ImportCard({ opinionId, onImported }: { opinionId: string; onImported: (count: number) => void }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<(UploadProgress & { name: string }) | null>(null);
  const [failure, setFailure] = useState<{ title: string; description?: string; rows: RowError[] } | null>(null);

  const upload = async (file: File) => {
    setFailure(null);
    setProgress({ name: file.name, sent: 0, total: file.size });
    try {
      const result = await unwrap(
        api.POST('/api/v1/opinions/{id}/problems:import', {
          params: { path: { id: opinionId } },
          body: file as never,
          bodySerializer: (body: unknown) => body as never,
          headers: { 'Content-Type': XLSX },
          fetch: fetchWithUploadProgress(file, (p) => setProgress({ name: file.name, ...p })),
        }),
      );
      onImported(result.imported);
    } catch (error) {
      if (isAbort(error)) return;
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        const rows = error.fieldErrors.map((e, i) => ({ key: `${i}`, ...sheetError(e) }));
        setFailure({ title: t('opinion.importFailed', { count: rows.length }), rows });
      } else {
        const info = describeError(error, t);
        setFailure({ title: t('opinion.importRefused'), description: info.description || info.title, rows: [] });
      }
    } finally {
      setProgress(null);
    }
  };

  const percent = progress && progress.total ? Math.round((progress.sent / progress.total) * 100) : 0;
  const withRows = failure?.rows.some((r) => r.row !== undefined);
  return (
    <Card size="small" title={t('opinion.import')}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('opinion.importHint')}
      </Typography.Paragraph>
      <Space wrap>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          disabled={!!progress}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={!!progress}>
            {t('opinion.import')}
          </Button>
        </Upload>
        <DownloadButton
          type="link"
          label={t('opinion.template')}
          fallbackName={t('opinion.templateName')}
          request={() => api.GET('/api/v1/opinions/{id}/problems-template.xlsx', { params: { path: { id: opinionId } }, parseAs: 'stream' })}
        />
      </Space>
      {progress && (
        <div role="status" aria-live="polite" style={{ marginTop: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('opinion.importing', { name: progress.name })}
          </Typography.Text>
          <Progress aria-label={t('opinion.importing', { name: progress.name })} size="small" percent={percent} status="active" />
        </div>
      )}
      {failure && (
        <div style={{ marginTop: 12 }}>
          <Alert type="error" showIcon role="alert" title={failure.title} description={failure.description} style={{ marginBottom: 8 }} />
          {failure.rows.length > 0 && (
            <Table<RowError>
              size="small"
              rowKey="key"
              aria-label={t('opinion.importErrors')}
              title={() => t('opinion.importErrors')}
              dataSource={failure.rows}
              pagination={failure.rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
              columns={[
                ...(withRows
                  ? [
                      { title: t('opinion.errorColumns.row'), dataIndex: 'row', width: 56, render: (r?: number) => r ?? '—' },
                      { title: t('opinion.errorColumns.column'), dataIndex: 'column', width: 90, render: (c?: string) => c ?? '—' },
                    ]
                  : []),
                { title: t('opinion.errorColumns.reason'), dataIndex: 'reason' },
              ]}
            />
          )}
        </div>
      )}
    </Card>
  );
}
