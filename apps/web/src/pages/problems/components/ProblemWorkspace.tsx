import { CheckCircleOutlined, ClockCircleOutlined, EditOutlined, FileDoneOutlined, FormOutlined, RollbackOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Progress, Radio, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../../api/client';
import { actionsOf } from '../../../api/actions';
import { ApiError } from '../../../api/problem';
import { useApiQuery } from '../../../api/useApiQuery';
import { usePermissions } from '../../../app/permissions';
import { useSession } from '../../../auth/AuthProvider';
import { PageContainer } from '../../../components/PageContainer';
import { StatusView } from '../../../components/StatusView';
import { beijing } from '../../../format/date';
import { useFormat } from '../../../format/useFormat';
import { AttachmentDownload, AttachmentUploader, AttachmentsCard } from './attachments';
import { FormModal } from '../../../components/FormModal';
import { LetterButton } from './LetterButton';
import { ProblemFields } from './ProblemFields';
import { changedOnly, measuresBody, problemBody, problemFormValues, type ProblemFormValues } from './problem-form';
import { DeadlineText, LightTag, StatusTag } from './labels';
import { type Attachment, type EvidenceKind, type Extension, type ProblemItem } from './types';
import { useBodies } from './useBodies';

type Mode = 'staff' | 'portal';
type Dialog = 'edit' | 'progress' | 'close' | 'extension' | 'accept' | 'send-back' | 'look-back' | { decide: Extension; decision: 'approve' | 'refuse' } | null;

const dateOf = (value: Dayjs | undefined) => (value ? value.format('YYYY-MM-DD') : undefined);

/**
 * One problem and what may be done with it: the staff's detail page and the responsible body's
 * page in the portal share it. Actions appear only when the user's roles allow the call and the
 * problem's status allows the action (issue-tracking's rules); the API checks again.
 */
export function ProblemWorkspace({ id, mode }: { id: string; mode: Mode }) {
  const { t } = useTranslation();
  const [rev, setRev] = useState(0);
  const refresh = () => setRev((n) => n + 1);

  const problem = useApiQuery(['problem', id, rev], (signal) => unwrap(api.GET('/api/v1/problems/{id}', { params: { path: { id } }, signal })));
  const attachments = useApiQuery(['problem-attachments', id, rev], (signal) => unwrap(api.GET('/api/v1/problems/{id}/attachments', { params: { path: { id } }, signal })));
  const progress = useApiQuery(['problem-progress', id, rev], (signal) => unwrap(api.GET('/api/v1/problems/{id}/progress', { params: { path: { id } }, signal })));
  const history = useApiQuery(['problem-history', id, rev], (signal) => unwrap(api.GET('/api/v1/problems/{id}/history', { params: { path: { id } }, signal })));
  const extensions = useApiQuery(['problem-extensions', id, rev], (signal) => unwrap(api.GET('/api/v1/problems/{id}/extensions', { params: { path: { id } }, signal })));
  const lookBacks = useApiQuery(['problem-look-backs', id, rev], (signal) => unwrap(api.GET('/api/v1/problems/{id}/look-backs', { params: { path: { id } }, signal })));

  const description = mode === 'portal' ? t('portal.problemDescription') : t('problemDetail.description');
  if (problem.error && !problem.data) {
    const status = problem.error instanceof ApiError ? problem.error.status : 0;
    const back = (
      <Link to={mode === 'portal' ? '/portal' : '/problems'}>
        <Button>{t('action.back')}</Button>
      </Link>
    );
    return (
      <PageContainer description={description}>
        <Card>
          {status === 404 ? (
            <StatusView kind="not-found" title={t('problemDetail.notFound')} action={back} />
          ) : status === 403 ? (
            <StatusView kind="forbidden" description={problem.error instanceof ApiError ? problem.error.problem.detail : undefined} action={back} />
          ) : (
            <StatusView kind="error" error={problem.error} onRetry={problem.reload} action={back} />
          )}
        </Card>
      </PageContainer>
    );
  }
  if (!problem.data) {
    return (
      <PageContainer description={description}>
        <Card>
          <StatusView kind="loading" />
        </Card>
      </PageContainer>
    );
  }
  return (
    <Loaded
      mode={mode}
      problem={problem.data}
      description={description}
      attachments={attachments.data?.items}
      attachmentsError={attachments.error}
      reloadAttachments={attachments.reload}
      panels={{ progress, history, extensions, lookBacks }}
      refresh={refresh}
    />
  );
}

interface Listed<T> {
  data: { items: T[] } | undefined;
  error: unknown;
  reload(): void;
}

function Loaded({
  mode,
  problem,
  description,
  attachments,
  attachmentsError,
  reloadAttachments,
  panels,
  refresh,
}: {
  mode: Mode;
  problem: ProblemItem;
  description: string;
  attachments: Attachment[] | undefined;
  attachmentsError: unknown;
  reloadAttachments: () => void;
  panels: {
    progress: Listed<{ id: string; text: string; percent: number; attachmentIds: string[]; reportedBy: string; reportedAt: string }>;
    history: Listed<{ at: string; action: string; fromStatus: ProblemItem['status'] | null; toStatus: ProblemItem['status'] | null; summary: string; actor: string }>;
    extensions: Listed<Extension>;
    lookBacks: Listed<{ id: string; checkedOn: string; result: 'passed' | 'failed'; note: string; recordedBy: string; recordedAt: string }>;
  };
  refresh: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const can = usePermissions();
  const session = useSession();
  const bodies = useBodies(problem.unitCode);
  const [dialog, setDialog] = useState<Dialog>(null);

  const bodyName = (bodyId: string) => bodies.name(bodyId) ?? '…';
  // What this caller may do now: issue-tracking's rules table answers in the problem's allowedActions
  // (roles, the liaison's body, the status, a pending extension), so nothing here re-encodes a rule.
  const act = actionsOf(problem);
  const pending = panels.extensions.data?.items.find((e) => e.status === 'pending');
  const editScope: 'full' | 'measures' = mode === 'portal' ? 'measures' : 'full';
  const may = {
    edit: act.may(mode === 'portal' ? 'edit-measures' : 'edit'),
    progress: act.may('progress'),
    close: act.may('close-request'),
    extension: act.may('request-extension') && !pending,
    verify: act.may('accept') || act.may('send-back'),
    decide: act.may('decide-extension') && !!pending,
    lookBack: act.may('look-back'),
    upload: problem.status !== 'closed' && can.call('POST /api/v1/problems/{id}/attachments'),
  };
  const path = { path: { id: problem.id } };
  const done = (text: string) => {
    void message.success(text);
    setDialog(null);
    refresh();
  };

  const facts = (
    <Card size="small" title={t('problemDetail.facts')}>
      <Descriptions
        column={{ xs: 1, sm: 1, md: 2 }}
        size="small"
        items={[
          { key: 'number', label: t('problemDetail.fields.number'), children: <Typography.Text copyable>{problem.number}</Typography.Text> },
          {
            key: 'status',
            label: t('problemDetail.fields.status'),
            children: (
              <Space size={4}>
                <StatusTag status={problem.status} />
                {problem.status !== 'closed' && problem.status !== 'draft' && <LightTag light={problem.light} />}
              </Space>
            ),
          },
          { key: 'description', label: t('problemDetail.fields.description'), span: 'filled', children: <Typography.Text strong>{problem.description}</Typography.Text> },
          { key: 'place', label: t('problemDetail.fields.place'), children: problem.place || t('problemDetail.notSet') },
          { key: 'category', label: t('problemDetail.fields.category'), children: problem.category || t('problemDetail.notSet') },
          { key: 'body', label: t('problemDetail.fields.responsibleBody'), children: bodyName(problem.responsibleBodyId) },
          {
            key: 'co',
            label: t('problemDetail.fields.coBodies'),
            children: problem.coBodyIds.length ? problem.coBodyIds.map(bodyName).join(t('problemDetail.listSeparator')) : t('problemDetail.none'),
          },
          { key: 'person', label: t('problemDetail.fields.responsiblePerson'), children: problem.responsiblePerson || t('problemDetail.notSet') },
          { key: 'deadline', label: t('problemDetail.fields.deadline'), children: <DeadlineText problem={problem} /> },
          { key: 'measures', label: t('problemDetail.fields.measures'), span: 'filled', children: problem.measures || t('problemDetail.notSet') },
          {
            key: 'evidence',
            label: t('problemDetail.fields.requiredEvidence'),
            span: 'filled',
            children: problem.requiredEvidence.length ? problem.requiredEvidence.map((k) => <Tag key={k}>{t(`evidenceKind.${k}`)}</Tag>) : t('problemDetail.none'),
          },
          { key: 'percent', label: t('problemDetail.fields.percent'), children: <Progress aria-label={t('problemDetail.fields.percent')} percent={problem.percent} size="small" style={{ maxWidth: 200, margin: 0 }} /> },
          { key: 'assigned', label: t('problemDetail.fields.assignedAt'), children: format.dateTime(problem.assignedAt) || '—' },
          { key: 'last', label: t('problemDetail.fields.lastProgressAt'), children: format.dateTime(problem.lastProgressAt) || '—' },
          ...(problem.closedAt
            ? [
                { key: 'closed', label: t('problemDetail.fields.closedAt'), children: format.dateTime(problem.closedAt) },
                { key: 'closedBy', label: t('problemDetail.fields.closedBy'), children: problem.closedBy ?? '—' },
              ]
            : []),
          ...(mode === 'portal' && session.bodyId && problem.status !== 'draft'
            ? [
                {
                  key: 'letter',
                  label: t('opinion.letters'),
                  children: <LetterButton opinionId={problem.opinionId} bodyId={session.bodyId} bodyName={bodyName(session.bodyId)} />,
                },
              ]
            : []),
          ...(mode === 'staff'
            ? [
                {
                  key: 'opinion',
                  label: t('problemDetail.fields.opinion'),
                  children: <Link to={`/opinions/${problem.opinionId}`}>{t('problems.viewOpinion')}</Link>,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );

  const buttons: ReactNode[] = [];
  if (may.edit) buttons.push(<Button key="edit" icon={<EditOutlined />} onClick={() => setDialog('edit')}>{t(editScope === 'full' ? 'problemDetail.edit' : 'problemDetail.editMeasures')}</Button>);
  if (may.progress) buttons.push(<Button key="progress" type={mode === 'portal' ? 'primary' : 'default'} icon={<FormOutlined />} onClick={() => setDialog('progress')}>{t('problemDetail.reportProgress')}</Button>);
  if (may.close) buttons.push(<Button key="close" icon={<FileDoneOutlined />} onClick={() => setDialog('close')}>{t('problemDetail.requestClose')}</Button>);
  if (may.extension) buttons.push(<Button key="extension" icon={<ClockCircleOutlined />} onClick={() => setDialog('extension')}>{t('problemDetail.requestExtension')}</Button>);
  if (may.lookBack) buttons.push(<Button key="look-back" icon={<SearchOutlined />} onClick={() => setDialog('look-back')}>{t('problemDetail.recordLookBack')}</Button>);

  const actions = (
    <Card size="small" title={t('problemDetail.actions')}>
      {may.verify && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('problemDetail.verification')}
          description={t('problemDetail.verificationHint')}
          action={
            <Space orientation="vertical">
              <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setDialog('accept')}>
                {t('problemDetail.accept')}
              </Button>
              <Button danger icon={<RollbackOutlined />} onClick={() => setDialog('send-back')}>
                {t('problemDetail.sendBack')}
              </Button>
            </Space>
          }
        />
      )}
      {mode === 'portal' && act.may('progress') && act.offered('close-request') && !act.may('close-request') && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('portal.coOnlyHint')} />}
      {buttons.length > 0 ? (
        <Space wrap>{buttons}</Space>
      ) : (
        !may.verify && <Typography.Text type="secondary">{can.readOnly ? t('problemDetail.readOnlyHint') : t('problemDetail.noActions')}</Typography.Text>
      )}
    </Card>
  );

  const attachmentName = (attachmentId: string) => attachments?.find((a) => a.id === attachmentId);
  const progressCard = (
    <Card size="small" title={t('problemDetail.progress')}>
      <Panel listed={panels.progress} empty={t('problemDetail.progressEmpty')}>
        {(items) => (
          <Timeline
            items={[...items].reverse().map((p) => ({
              key: p.id,
              color: p.percent >= 100 ? 'green' : 'blue',
              title: t('problemDetail.progressBy', { name: p.reportedBy, at: format.dateTime(p.reportedAt) }),
              content: (
                <>
                  <Progress aria-label={t('problemDetail.fields.percent')} percent={p.percent} size="small" style={{ maxWidth: 240, margin: 0 }} />
                  <Typography.Paragraph style={{ margin: '4px 0' }}>{p.text}</Typography.Paragraph>
                  {p.attachmentIds.map((attachmentId) => {
                    const a = attachmentName(attachmentId);
                    return a ? <AttachmentDownload key={attachmentId} attachment={a} /> : null;
                  })}
                </>
              ),
            }))}
          />
        )}
      </Panel>
    </Card>
  );

  const historyCard = (
    <Card size="small" title={t('problemDetail.history')}>
      <Panel listed={panels.history} empty={t('problemDetail.historyEmpty')}>
        {(items) => (
          <Timeline
            items={[...items].reverse().map((h, i) => ({
              key: `${h.at}-${i}`,
              color: h.toStatus === 'closed' ? 'green' : h.toStatus === 'reopened' ? 'red' : 'blue',
              title: `${format.dateTime(h.at)} · ${h.actor}`,
              content: (
                <>
                  <div>{h.summary}</div>
                  {h.fromStatus && h.toStatus && h.fromStatus !== h.toStatus && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('problemDetail.historyStatus', { from: t(`problemStatus.${h.fromStatus}`), to: t(`problemStatus.${h.toStatus}`) })}
                    </Typography.Text>
                  )}
                </>
              ),
            }))}
          />
        )}
      </Panel>
    </Card>
  );

  const extensionStatusColor = { pending: 'gold', approved: 'success', refused: 'default' } as const;
  const extensionsCard = (
    <Card size="small" title={t('problemDetail.extensions')}>
      <Panel listed={panels.extensions} empty={t('problemDetail.extensionsEmpty')}>
        {(items) => (
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('problemDetail.extensions')}>
            {[...items].reverse().map((e) => (
              <li key={e.id} style={{ padding: '6px 0', borderBottom: '1px solid rgba(0,0,0,0.06)' }}>
                <Space size={4} wrap>
                  <Tag color={extensionStatusColor[e.status]}>{t(`problemDetail.extensionStatus.${e.status}`)}</Tag>
                  <span>{t('problemDetail.extensionLine', { proposed: format.date(e.proposedDeadline), previous: format.date(e.previousDeadline) || '—' })}</span>
                </Space>
                <Typography.Paragraph style={{ margin: '4px 0' }}>{e.reason}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {t('problemDetail.extensionBy', { name: e.requestedBy, at: format.dateTime(e.requestedAt) })}
                </Typography.Text>
                {e.decidedBy && (
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    {t('problemDetail.extensionDecided', { name: e.decidedBy, at: format.dateTime(e.decidedAt) })}
                    {e.decisionReason && (
                      <>
                        <br />
                        {t('problemDetail.decisionReasonLine', { reason: e.decisionReason })}
                      </>
                    )}
                  </Typography.Text>
                )}
                {e.status === 'pending' && may.decide && (
                  <Space style={{ marginTop: 6 }}>
                    <Button size="small" type="primary" onClick={() => setDialog({ decide: e, decision: 'approve' })}>
                      {t('problemDetail.approve')}
                    </Button>
                    <Button size="small" danger onClick={() => setDialog({ decide: e, decision: 'refuse' })}>
                      {t('problemDetail.refuse')}
                    </Button>
                  </Space>
                )}
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </Card>
  );

  const lookBacksCard = (
    <Card size="small" title={t('problemDetail.lookBacks')}>
      <Panel listed={panels.lookBacks} empty={t('problemDetail.lookBacksEmpty')}>
        {(items) => (
          <Timeline
            items={items.map((l) => ({
              key: l.id,
              color: l.result === 'passed' ? 'green' : 'red',
              title: t('problemDetail.lookBackBy', { name: l.recordedBy, on: format.date(l.checkedOn) }),
              content: (
                <>
                  <Tag color={l.result === 'passed' ? 'success' : 'error'}>{t(`problemDetail.lookBackResult.${l.result}`)}</Tag>
                  <div>{l.note}</div>
                </>
              ),
            }))}
          />
        )}
      </Panel>
    </Card>
  );

  const attachmentOptions = (attachments ?? []).map((a) => attachmentOption(a, t));
  const onUploaded = () => reloadAttachments();

  return (
    <PageContainer title={`${t(mode === 'portal' ? 'nav.portalProblem' : 'nav.problemDetail')} ${problem.number}`} description={description}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {facts}
            {actions}
            {progressCard}
            {historyCard}
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <AttachmentsCard
              problemId={problem.id}
              attachments={attachments}
              error={attachmentsError}
              onRetry={reloadAttachments}
              canUpload={may.upload}
              onUploaded={onUploaded}
            />
            {extensionsCard}
            {(problem.status === 'closed' || (panels.lookBacks.data?.items.length ?? 0) > 0) && lookBacksCard}
          </Space>
        </Col>
      </Row>

      {dialog === 'edit' && (
        <FormModal<ProblemFormValues>
          title={t(editScope === 'full' ? 'problemDetail.edit' : 'problemDetail.editMeasures')}
          okText={t('form.submit')}
          initialValues={problemFormValues(problem)}
          onCancel={() => setDialog(null)}
          submit={async (values) => {
            const changes = editScope === 'full' ? changedOnly(problemBody(values, problem.status === 'draft'), problem) : changedOnly(measuresBody(values), problem);
            if (Object.keys(changes).length > 0) await unwrap(api.PATCH('/api/v1/problems/{id}', { params: path, body: { ...changes, version: problem.version } }));
            done(t('problemDetail.saved'));
          }}
        >
          {() => <ProblemFields scope={editScope} bodies={bodies.bodies} withDeadline={problem.status === 'draft'} />}
        </FormModal>
      )}

      {dialog === 'progress' && (
        <FormModal<{ text: string; percent: number; attachmentIds?: string[] }>
          title={t('problemDetail.reportProgress')}
          okText={t('form.submit')}
          initialValues={{ percent: problem.percent, attachmentIds: [] }}
          onCancel={() => setDialog(null)}
          submit={async (values) => {
            await unwrap(api.POST('/api/v1/problems/{id}/progress', { params: path, body: { text: values.text, percent: values.percent, attachmentIds: values.attachmentIds ?? [] } }));
            done(t('problemDetail.progressForm.done'));
          }}
        >
          {(form) => (
            <>
              <Form.Item name="text" label={t('problemDetail.progressForm.text')} rules={[{ required: true, message: t('form.required') }]}>
                <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('problemDetail.progressForm.textPlaceholder')} />
              </Form.Item>
              <Form.Item name="percent" label={t('problemDetail.progressForm.percent')} rules={[{ required: true, message: t('form.required') }]}>
                <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name="attachmentIds" label={t('problemDetail.progressForm.attachments')}>
                <Select mode="multiple" allowClear options={attachmentOptions} placeholder={t('problemDetail.progressForm.attachmentsPlaceholder')} />
              </Form.Item>
              <AttachmentUploader
                problemId={problem.id}
                onUploaded={(a) => {
                  onUploaded();
                  form.setFieldValue('attachmentIds', [...((form.getFieldValue('attachmentIds') as string[] | undefined) ?? []), a.id]);
                }}
              />
            </>
          )}
        </FormModal>
      )}

      {dialog === 'close' && <CloseOutModal problem={problem} attachments={attachments ?? []} attachmentOptions={attachmentOptions} onUploaded={onUploaded} onCancel={() => setDialog(null)} onDone={done} />}

      {dialog === 'extension' && (
        <FormModal<{ reason: string; proposedDeadline?: Dayjs }>
          title={t('problemDetail.requestExtension')}
          okText={t('form.submit')}
          onCancel={() => setDialog(null)}
          submit={async (values) => {
            await unwrap(api.POST('/api/v1/problems/{id}/extensions', { params: path, body: { reason: values.reason, proposedDeadline: dateOf(values.proposedDeadline) ?? '' } }));
            done(t('problemDetail.extensionForm.done'));
          }}
        >
          {() => (
            <>
              {problem.deadline && (
                <Typography.Paragraph type="secondary">{t('problemDetail.extensionForm.currentDeadline', { date: format.date(problem.deadline) })}</Typography.Paragraph>
              )}
              <Form.Item name="reason" label={t('problemDetail.extensionForm.reason')} rules={[{ required: true, message: t('form.required') }]}>
                <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('problemDetail.extensionForm.reasonPlaceholder')} />
              </Form.Item>
              <Form.Item name="proposedDeadline" label={t('problemDetail.extensionForm.proposedDeadline')} rules={[{ required: true, message: t('form.required') }]}>
                <DatePicker style={{ width: 200 }} />
              </Form.Item>
            </>
          )}
        </FormModal>
      )}

      {dialog === 'accept' && (
        <FormModal<{ note?: string }>
          title={t('problemDetail.accept')}
          okText={t('problemDetail.accept')}
          onCancel={() => setDialog(null)}
          submit={async (values) => {
            await unwrap(api.POST('/api/v1/problems/{id}/verification', { params: path, body: { decision: 'accept', note: values.note ?? '' } }));
            done(t('problemDetail.accepted'));
          }}
        >
          {() => (
            <Form.Item name="note" label={t('problemDetail.acceptNote')}>
              <Input.TextArea rows={3} maxLength={2000} placeholder={t('problemDetail.acceptNotePlaceholder')} />
            </Form.Item>
          )}
        </FormModal>
      )}

      {dialog === 'send-back' && (
        <FormModal<{ reason: string }>
          title={t('problemDetail.sendBack')}
          okText={t('problemDetail.sendBack')}
          danger
          onCancel={() => setDialog(null)}
          submit={async (values) => {
            await unwrap(api.POST('/api/v1/problems/{id}/verification', { params: path, body: { decision: 'send-back', reason: values.reason } }));
            done(t('problemDetail.sentBack'));
          }}
        >
          {() => (
            <Form.Item name="reason" label={t('problemDetail.sendBackReason')} rules={[{ required: true, message: t('form.required') }]}>
              <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('problemDetail.sendBackReasonPlaceholder')} />
            </Form.Item>
          )}
        </FormModal>
      )}

      {dialog && typeof dialog === 'object' && (
        <FormModal<{ reason?: string }>
          title={`${t('problemDetail.decideExtension')} · ${t(dialog.decision === 'approve' ? 'problemDetail.approve' : 'problemDetail.refuse')}`}
          okText={t(dialog.decision === 'approve' ? 'problemDetail.approve' : 'problemDetail.refuse')}
          danger={dialog.decision === 'refuse'}
          onCancel={() => setDialog(null)}
          submit={async (values) => {
            await unwrap(
              api.POST('/api/v1/problems/{id}/extensions/{extensionId}/decision', {
                params: { path: { id: problem.id, extensionId: dialog.decide.id } },
                body: { decision: dialog.decision, reason: values.reason ?? '' },
              }),
            );
            done(t(dialog.decision === 'approve' ? 'problemDetail.approved' : 'problemDetail.refused'));
          }}
        >
          {() => (
            <>
              <Typography.Paragraph>
                {t('problemDetail.extensionLine', { proposed: format.date(dialog.decide.proposedDeadline), previous: format.date(dialog.decide.previousDeadline) || '—' })}
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary">{dialog.decide.reason}</Typography.Paragraph>
              <Form.Item name="reason" label={t('problemDetail.decisionReason')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}
        </FormModal>
      )}

      {dialog === 'look-back' && (
        <FormModal<{ checkedOn?: Dayjs; result: 'passed' | 'failed'; note: string; newDeadline?: Dayjs }>
          title={t('problemDetail.recordLookBack')}
          okText={t('form.submit')}
          initialValues={{ checkedOn: beijing(), result: 'passed' }}
          onCancel={() => setDialog(null)}
          submit={async (values) => {
            await unwrap(
              api.POST('/api/v1/problems/{id}/look-backs', {
                params: path,
                body: { checkedOn: dateOf(values.checkedOn) ?? '', result: values.result, note: values.note, ...(values.newDeadline ? { newDeadline: dateOf(values.newDeadline) } : {}) },
              }),
            );
            done(t('problemDetail.lookBackForm.done'));
          }}
        >
          {() => (
            <>
              <Form.Item name="checkedOn" label={t('problemDetail.lookBackForm.checkedOn')} rules={[{ required: true, message: t('form.required') }]}>
                <DatePicker style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="result" label={t('problemDetail.lookBackForm.result')}>
                <Radio.Group
                  options={(['passed', 'failed'] as const).map((r) => ({ value: r, label: t(`problemDetail.lookBackResult.${r}`) }))}
                  optionType="button"
                />
              </Form.Item>
              <Form.Item name="note" label={t('problemDetail.lookBackForm.note')} rules={[{ required: true, message: t('form.required') }]}>
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
              <Form.Item name="newDeadline" label={t('problemDetail.lookBackForm.newDeadline')} extra={t('problemDetail.lookBackForm.newDeadlineHint')}>
                <DatePicker style={{ width: 200 }} />
              </Form.Item>
            </>
          )}
        </FormModal>
      )}
    </PageContainer>
  );
}

/** 申请销号: the account and the evidence; the API's list of missing evidence is shown when it refuses. */
function CloseOutModal({
  problem,
  attachments,
  attachmentOptions,
  onUploaded,
  onCancel,
  onDone,
}: {
  problem: ProblemItem;
  attachments: Attachment[];
  attachmentOptions: { value: string; label: string }[];
  onUploaded: () => void;
  onCancel: () => void;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [missing, setMissing] = useState<string[]>([]);
  const [uploaded, setUploaded] = useState<Attachment[]>([]);
  const all = [...attachments, ...uploaded.filter((u) => !attachments.some((a) => a.id === u.id))];
  return (
    <FormModal<{ text: string; attachmentIds?: string[] }>
      title={t('problemDetail.requestClose')}
      okText={t('problemDetail.requestClose')}
      initialValues={{ attachmentIds: attachments.filter((a) => a.evidence !== null).map((a) => a.id) }}
      hideAlert={missing.length > 0}
      onCancel={onCancel}
      submit={async (values) => {
        setMissing([]);
        try {
          await unwrap(api.POST('/api/v1/problems/{id}/close-requests', { params: { path: { id: problem.id } }, body: { text: values.text, attachmentIds: values.attachmentIds ?? [] } }));
        } catch (error) {
          if (error instanceof ApiError) setMissing(error.fieldErrors.filter((e) => e.rule === 'missing_evidence').map((e) => e.message));
          throw error;
        }
        onDone(t('problemDetail.closeForm.done'));
      }}
    >
      {(form) => (
        <>
          {missing.length > 0 && (
            <Alert
              type="warning"
              showIcon
              role="alert"
              style={{ marginBottom: 16 }}
              title={t('problemDetail.closeForm.missingTitle')}
              description={
                <>
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {missing.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                  <Typography.Text type="secondary">{t('problemDetail.closeForm.missingHint')}</Typography.Text>
                </>
              }
            />
          )}
          <Form.Item name="text" label={t('problemDetail.closeForm.text')} rules={[{ required: true, message: t('form.required') }]}>
            <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t('problemDetail.closeForm.textPlaceholder')} />
          </Form.Item>
          <RequiredEvidence required={problem.requiredEvidence} attachments={all} form={form} />
          <Form.Item name="attachmentIds" label={t('problemDetail.closeForm.attachments')}>
            <Select
              mode="multiple"
              allowClear
              options={all.map((a) => attachmentOptions.find((o) => o.value === a.id) ?? attachmentOption(a, t))}
              placeholder={t('problemDetail.closeForm.attachmentsPlaceholder')}
            />
          </Form.Item>
          <AttachmentUploader
            problemId={problem.id}
            defaultEvidence={problem.requiredEvidence[0]}
            onUploaded={(a) => {
              setUploaded((list) => [...list, a]);
              onUploaded();
              form.setFieldValue('attachmentIds', [...((form.getFieldValue('attachmentIds') as string[] | undefined) ?? []), a.id]);
            }}
          />
        </>
      )}
    </FormModal>
  );
}

/** The evidence the problem requires, ticked off as matching attachments are chosen. */
function RequiredEvidence({ required, attachments, form }: { required: EvidenceKind[]; attachments: Attachment[]; form: Parameters<typeof Form.useWatch>[1] }) {
  const { t } = useTranslation();
  const chosen = (Form.useWatch('attachmentIds', form as never) as string[] | undefined) ?? [];
  if (required.length === 0) return <Typography.Paragraph type="secondary">{t('problemDetail.closeForm.requiredNone')}</Typography.Paragraph>;
  const covered = new Set(attachments.filter((a) => chosen.includes(a.id)).map((a) => a.evidence));
  return (
    <Typography.Paragraph>
      {t('problemDetail.requiredLabel')}
      {required.map((k) => (
        <Tag key={k} color={covered.has(k) ? 'success' : 'default'} icon={covered.has(k) ? <CheckCircleOutlined /> : undefined}>
          {t(`evidenceKind.${k}`)}
        </Tag>
      ))}
    </Typography.Paragraph>
  );
}

function attachmentOption(a: Attachment, t: TFunction) {
  return { value: a.id, label: a.evidence ? t('problemDetail.attachmentOption', { name: a.name, kind: t(`evidenceKind.${a.evidence}`) }) : a.name };
}

/** A side panel's list: its error, loading and empty states, then the items. */
function Panel<T>({ listed, empty, children }: { listed: Listed<T>; empty: string; children: (items: T[]) => ReactNode }) {
  if (listed.error && !listed.data) return <StatusView kind="error" compact error={listed.error} onRetry={listed.reload} />;
  if (!listed.data) return <StatusView kind="loading" compact />;
  if (listed.data.items.length === 0) return <StatusView kind="empty" compact title={empty} />;
  return <>{children(listed.data.items)}</>;
}
