import { SettingOutlined, StopOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { Evaluation } from '../api/types';
import { useApiQuery } from '../api/useApiQuery';
import { useSession } from '../auth/AuthProvider';
import { RequireAuth } from '../auth/RequireAuth';
import { mayCall } from '../auth/roles';
import { StatusView } from '../components/StatusView';
import { useFormat } from '../format/useFormat';
import { useHall } from './hall-context';
import { IDLE_CHOICES_MINUTES, IDLE_DEFAULT_SECONDS, hallUrl } from './hall-device';
import { HallExitButton, HallIdleGuard } from './HallIdle';

/**
 * /hall/setup: the office makes this browser a hall tablet for one evaluation of its unit, or ends
 * the hall mode. Sign-in asks for a password like every hall sign-in (prompt=login), and the office
 * user is signed out as soon as the choice is made, so the tablet is handed over with nobody signed in.
 */
export default function HallSetupPage() {
  return (
    <RequireAuth>
      <HallSetup />
    </RequireAuth>
  );
}

function HallSetup() {
  const { t } = useTranslation();
  const session = useSession();
  const { device } = useHall();
  // Those who run a sitting (open and close its vote) set up its tablets.
  const office = mayCall(session.roles, 'POST /api/v1/evaluations/{id}/open');

  return (
    <main className="vote-page hall-setup-page" id="main">
      <header className="vote-header">
        <div className="vote-brand">{t('hall.brand')}</div>
        <h1 className="vote-title">
          <SettingOutlined aria-hidden /> {t('hall.setup.title')}
        </h1>
        <div className="vote-identity">
          <span>
            <UserOutlined aria-hidden /> {t('vote.signedInAs', { name: session.name })}
          </span>
          <HallExitButton />
        </div>
      </header>
      <section className="hall-setup-body">{office ? <SetupForm /> : <StatusView kind="forbidden" title={t('hall.setup.officeOnly')} description={t('hall.setup.officeOnlyHint')} />}</section>
      <HallIdleGuard idleSeconds={device?.idleSeconds ?? IDLE_DEFAULT_SECONDS} />
    </main>
  );
}

interface SetupValues {
  evaluationId: string;
  idleMinutes: number;
}

function SetupForm() {
  const { t } = useTranslation();
  const session = useSession();
  const format = useFormat();
  const { device, setDevice, end } = useHall();
  const [form] = Form.useForm<SetupValues>();
  const unit = session.unitCode;
  const [chosen, setChosen] = useState<string | undefined>(device?.evaluationId);
  const [idleMinutes, setIdleMinutes] = useState(Math.round((device?.idleSeconds ?? IDLE_DEFAULT_SECONDS) / 60));

  // Voting under way first, then those not yet started.
  const open = useApiQuery(unit ? ['hall-setup', unit, 'open'] : null, (signal) =>
    unwrap(api.GET('/api/v1/evaluations', { params: { query: { unit: unit!, status: 'open', limit: 50 } }, signal })),
  );
  const draft = useApiQuery(unit ? ['hall-setup', unit, 'draft'] : null, (signal) =>
    unwrap(api.GET('/api/v1/evaluations', { params: { query: { unit: unit!, status: 'draft', limit: 50 } }, signal })),
  );
  const error = open.error ?? draft.error;
  if (error) return <StatusView kind="error" error={error} onRetry={() => (open.reload(), draft.reload())} />;
  if (!open.data || !draft.data) return <StatusView kind="loading" />;
  const evaluations: Evaluation[] = [...open.data.items, ...draft.data.items];
  const selected = evaluations.find((e) => e.id === chosen);
  const idleSeconds = idleMinutes * 60;

  const apply = ({ evaluationId, idleMinutes: minutes }: SetupValues) => {
    const evaluation = evaluations.find((e) => e.id === evaluationId);
    if (!evaluation) return;
    setDevice({ evaluationId, reportTitle: evaluation.reportTitle, meeting: evaluation.session, idleSeconds: minutes * 60 });
    end('setup');
  };
  const release = () => {
    setDevice(undefined);
    end('released');
  };

  return (
    <>
      <Typography.Paragraph className="hall-setup-description">{t('hall.setup.description')}</Typography.Paragraph>
      {device && (
        <Alert
          className="hall-alert"
          type="info"
          showIcon
          title={device.reportTitle ? t('hall.setup.current', { title: device.reportTitle }) : t('hall.setup.currentUnknown', { id: device.evaluationId })}
        />
      )}
      {evaluations.length === 0 ? (
        <StatusView kind="empty" title={t('hall.setup.none')} description={t('hall.setup.noneHint')} />
      ) : (
        <Form<SetupValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ evaluationId: selected?.id, idleMinutes }}
          onValuesChange={(_, values) => {
            setChosen(values.evaluationId);
            if (values.idleMinutes) setIdleMinutes(values.idleMinutes);
          }}
          onFinish={apply}
        >
          <Form.Item name="evaluationId" label={t('hall.setup.evaluations')} rules={[{ required: true, message: t('hall.setup.choose') }]}>
            <Radio.Group className="hall-setup-choices">
              {evaluations.map((e) => (
                <Radio key={e.id} value={e.id} className="hall-setup-choice">
                  <span className="hall-setup-choice-title">{e.reportTitle}</span>
                  <span className="hall-setup-choice-meta">
                    {e.session} · {format.date(e.heldOn)} · {t(`evaluations.status.${e.status}`)}
                  </span>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="idleMinutes" label={t('hall.setup.idle')}>
            <Select
              size="large"
              className="hall-setup-idle"
              options={IDLE_CHOICES_MINUTES.map((minutes) => ({ value: minutes, label: t('hall.setup.minutes', { count: minutes }) }))}
            />
          </Form.Item>
          {selected && (
            <div className="hall-setup-bookmark">
              <Typography.Text>{t('hall.setup.bookmark')}</Typography.Text>
              <Typography.Paragraph copyable code data-testid="hall-bookmark">
                {hallUrl(window.location.origin, { evaluationId: selected.id, idleSeconds })}
              </Typography.Paragraph>
            </div>
          )}
          <Button type="primary" size="large" block htmlType="submit" className="vote-big-button">
            {t('hall.setup.submit')}
          </Button>
        </Form>
      )}
      <Alert className="hall-alert hall-setup-note" type="warning" showIcon title={t('hall.setup.notLock')} />
      {device && (
        <div className="hall-setup-release">
          <Button size="large" danger icon={<StopOutlined />} onClick={release}>
            {t('hall.setup.release')}
          </Button>
          <Typography.Text type="secondary">{t('hall.setup.releaseHint')}</Typography.Text>
        </div>
      )}
    </>
  );
}
