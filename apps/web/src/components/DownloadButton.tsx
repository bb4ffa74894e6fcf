import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Progress, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { saveDownload, type DownloadProgress, type StreamResult } from '../api/download';
import { isAbort } from '../api/problem';
import { describeError } from './errors';

export interface DownloadButtonProps {
  /** Starts the request, made with `parseAs: 'stream'`. */
  request: () => Promise<StreamResult>;
  /** The file's name when the server sends none. */
  fallbackName: string;
  label?: ReactNode;
  disabled?: boolean;
  type?: 'default' | 'primary' | 'link';
}

/**
 * A file download (Excel export, a document) with its progress beside the button: "preparing"
 * while the server builds the file, then the bytes received; success and failure said in words.
 */
export function DownloadButton({ request, fallbackName, label, disabled, type = 'default' }: DownloadButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<DownloadProgress | null>(null);

  const run = async () => {
    try {
      const { name } = await saveDownload(request(), { fallbackName, onProgress: setProgress });
      void message.success(t('export.done', { name }));
    } catch (error) {
      if (!isAbort(error)) {
        const info = describeError(error, t);
        void message.error(`${t('export.failed')}: ${info.description || info.title}`);
      }
    } finally {
      setProgress(null);
    }
  };

  const percent = progress?.total ? Math.round((progress.received / progress.total) * 100) : undefined;
  return (
    <Space>
      {progress && (
        <div className="export-progress" role="status" aria-live="polite">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {progress.phase === 'preparing' ? t('export.preparing') : t('export.receiving')}
          </Typography.Text>
          <Progress aria-label={t('action.exporting')} size="small" percent={percent ?? 100} status="active" showInfo={percent !== undefined} />
        </div>
      )}
      <Button type={type} icon={<DownloadOutlined />} loading={!!progress} onClick={() => void run()} disabled={disabled}>
        {progress ? t('action.exporting') : (label ?? t('action.export'))}
      </Button>
    </Space>
  );
}
