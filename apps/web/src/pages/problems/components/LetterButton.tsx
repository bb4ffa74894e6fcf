import { FileWordOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { saveDownload, type DownloadProgress } from '../../../api/download';
import { isAbort } from '../../../api/problem';
import { describeError } from '../../../components/errors';

/** 交办函: the Word letter to one body (GET /opinions/{id}/assignment-letter?body=…). */
export function LetterButton({ opinionId, bodyId, bodyName }: { opinionId: string; bodyId: string; bodyName: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const run = async () => {
    try {
      const { name } = await saveDownload(
        api.GET('/api/v1/opinions/{id}/assignment-letter', { params: { path: { id: opinionId }, query: { body: bodyId } }, parseAs: 'stream' }),
        { fallbackName: t('opinion.letterName'), onProgress: setProgress },
      );
      void message.success(t('problemDetail.downloaded', { name }));
    } catch (error) {
      if (!isAbort(error)) {
        const info = describeError(error, t);
        void message.error(`${t('problemDetail.downloadFailed')}: ${info.description || info.title}`);
      }
    } finally {
      setProgress(null);
    }
  };
  return (
    <Button size="small" icon={<FileWordOutlined />} loading={!!progress} onClick={() => void run()} aria-label={t('opinion.letterDownload', { body: bodyName })}>
      {t('opinion.letters')}
    </Button>
  );
}
