import { FileUnknownOutlined, LockOutlined, ReloadOutlined, ToolOutlined } from '@ant-design/icons';
import { Button, Empty, Result, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './errors';

export type StatusKind = 'loading' | 'empty' | 'error' | 'forbidden' | 'not-found' | 'construction';

export interface StatusViewProps {
  kind: StatusKind;
  /** Defaults per kind from the catalogue (state.*). */
  title?: ReactNode;
  description?: ReactNode;
  /** For kind 'error': described by describeError (problem title, detail, request id). */
  error?: unknown;
  /** For kind 'error': a retry button. */
  onRetry?: () => void;
  /** Extra buttons (e.g. "clear filters", "back"). */
  action?: ReactNode;
  /** Inside a card or table: small images, less padding. */
  compact?: boolean;
}

/**
 * The one way to show loading, empty, error, forbidden, not-found and not-yet-built states, so
 * every page looks and reads the same when it has nothing to show.
 */
export function StatusView({ kind, title, description, error, onRetry, action, compact }: StatusViewProps) {
  const { t } = useTranslation();
  const padding = compact ? 'status status-compact' : 'status';

  if (kind === 'loading') {
    return (
      <div className={padding} role="status" aria-live="polite">
        <Spin />
        <Typography.Text type="secondary">{title ?? t('state.loading')}</Typography.Text>
      </div>
    );
  }

  if (kind === 'empty') {
    return (
      <div className={padding}>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <>
              <div>{title ?? t('state.empty')}</div>
              {description && <Typography.Text type="secondary">{description}</Typography.Text>}
            </>
          }
        >
          {action}
        </Empty>
      </div>
    );
  }

  if (kind === 'error') {
    const info = describeError(error, t);
    const extra = [
      info.reload ? (
        <Button key="reload" type="primary" icon={<ReloadOutlined />} onClick={() => window.location.reload()}>
          {t('state.reload')}
        </Button>
      ) : (
        onRetry && (
          <Button key="retry" type="primary" icon={<ReloadOutlined />} onClick={onRetry}>
            {t('state.retry')}
          </Button>
        )
      ),
      action,
    ].filter(Boolean);
    return (
      <div className={padding} role="alert">
        <Result
          status="warning"
          title={title ?? info.title}
          subTitle={
            <>
              {description ?? info.description}
              {info.requestId && (
                <Typography.Text type="secondary" className="status-request-id" copyable={{ text: info.requestId }}>
                  {t('state.requestId', { id: info.requestId })}
                </Typography.Text>
              )}
            </>
          }
          extra={extra.length ? extra : undefined}
        />
      </div>
    );
  }

  if (kind === 'construction') {
    return (
      <div className={padding}>
        <Result icon={<ToolOutlined className="status-muted-icon" />} title={title ?? t('state.construction')} subTitle={description} extra={action} />
      </div>
    );
  }

  const forbidden = kind === 'forbidden';
  return (
    <div className={padding}>
      <Result
        icon={forbidden ? <LockOutlined className="status-muted-icon" /> : <FileUnknownOutlined className="status-muted-icon" />}
        title={title ?? t(forbidden ? 'state.forbidden' : 'state.notFound')}
        subTitle={description ?? t(forbidden ? 'state.forbiddenHint' : 'state.notFoundHint')}
        extra={action}
      />
    </div>
  );
}
