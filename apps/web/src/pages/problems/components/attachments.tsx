import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Progress, Select, Space, Tag, Typography, Upload } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { saveDownload, type DownloadProgress } from '../../../api/download';
import { isAbort } from '../../../api/problem';
import { describeError } from '../../../components/errors';
import { StatusView } from '../../../components/StatusView';
import { useFormat } from '../../../format/useFormat';
import { EVIDENCE_KINDS, type Attachment, type EvidenceKind } from './types';
import { fetchWithUploadProgress, fileSize, uploadContentType, type UploadProgress } from './upload';

/** The gateway's limit on a file (ATTACHMENT_MAX_BYTES): larger ones are refused here, before 20 MB are sent for nothing. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Uploads one file to a problem (POST /problems/{id}/attachments) with its kind of evidence, showing progress. */
export function AttachmentUploader({ problemId, onUploaded, defaultEvidence }: { problemId: string; onUploaded: (attachment: Attachment) => void; defaultEvidence?: EvidenceKind }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labelId = useId();
  const [evidence, setEvidence] = useState<EvidenceKind | 'none'>(defaultEvidence ?? 'none');
  const [progress, setProgress] = useState<(UploadProgress & { name: string }) | null>(null);

  const upload = async (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) {
      void message.error(t('problemDetail.tooLarge', { name: file.name, size: fileSize(file.size), max: fileSize(MAX_ATTACHMENT_BYTES) }));
      return;
    }
    setProgress({ name: file.name, sent: 0, total: file.size });
    try {
      const attachment = await unwrap(
        api.POST('/api/v1/problems/{id}/attachments', {
          params: { path: { id: problemId }, query: { name: file.name, ...(evidence !== 'none' ? { evidence } : {}) } },
          body: file as never,
          bodySerializer: (body: unknown) => body as never,
          headers: { 'Content-Type': uploadContentType(file) },
          fetch: fetchWithUploadProgress(file, (p) => setProgress({ name: file.name, ...p })),
        }),
      );
      void message.success(t('problemDetail.uploaded', { name: attachment.name }));
      onUploaded(attachment);
    } catch (error) {
      if (!isAbort(error)) {
        const info = describeError(error, t);
        void message.error(`${t('problemDetail.uploadFailed')}: ${info.description || info.title}`);
      }
    } finally {
      setProgress(null);
    }
  };

  const percent = progress && progress.total ? Math.round((progress.sent / progress.total) * 100) : 0;
  return (
    <div className="attachment-uploader">
      <Space wrap>
        <span id={labelId}>{t('problemDetail.uploadEvidence')}</span>
        <Select<EvidenceKind | 'none'>
          aria-labelledby={labelId}
          value={evidence}
          onChange={setEvidence}
          style={{ width: 150 }}
          options={[{ value: 'none', label: t('problemDetail.uploadEvidenceNone') }, ...EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`evidenceKind.${k}`) }))]}
        />
        <Upload
          showUploadList={false}
          multiple={false}
          disabled={!!progress}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={!!progress}>
            {t('problemDetail.upload')}
          </Button>
        </Upload>
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
        {t('problemDetail.uploadHint')}
      </Typography.Paragraph>
      {progress && (
        <div role="status" aria-live="polite">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('problemDetail.uploading', { name: progress.name })}
          </Typography.Text>
          <Progress aria-label={t('problemDetail.uploading', { name: progress.name })} size="small" percent={percent} status="active" />
        </div>
      )}
    </div>
  );
}

/** A download button for one attachment (GET /attachments/{id}) with progress. */
export function AttachmentDownload({ attachment }: { attachment: Pick<Attachment, 'id' | 'name'> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const run = async () => {
    try {
      const { name } = await saveDownload(api.GET('/api/v1/attachments/{id}', { params: { path: { id: attachment.id } }, parseAs: 'stream' }), {
        fallbackName: attachment.name,
        onProgress: setProgress,
      });
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
  const percent = progress?.total ? Math.round((progress.received / progress.total) * 100) : undefined;
  return (
    <Button
      size="small"
      type="link"
      icon={<DownloadOutlined />}
      loading={!!progress}
      onClick={() => void run()}
      aria-label={t('problemDetail.downloadName', { name: attachment.name })}
    >
      {progress && percent !== undefined ? `${percent}%` : t('problemDetail.download')}
    </Button>
  );
}

/** 附件与证明材料: the problem's files, each downloadable; upload when allowed. */
export function AttachmentsCard({
  problemId,
  attachments,
  error,
  onRetry,
  canUpload,
  onUploaded,
}: {
  problemId: string;
  attachments: Attachment[] | undefined;
  error: unknown;
  onRetry: () => void;
  canUpload: boolean;
  onUploaded: (attachment: Attachment) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  let body;
  if (error) body = <StatusView kind="error" compact error={error} onRetry={onRetry} />;
  else if (!attachments) body = <StatusView kind="loading" compact />;
  else if (attachments.length === 0) body = <StatusView kind="empty" compact title={t('problemDetail.attachmentsEmpty')} />;
  else
    body = (
      <ul className="attachment-list" aria-label={t('problemDetail.attachments')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {attachments.map((a) => (
          <li key={a.id} style={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: 8, padding: '6px 0', borderBottom: '1px solid rgba(0,0,0,0.06)' }}>
            <div style={{ minWidth: 0 }}>
              <div>
                <PaperClipOutlined aria-hidden /> <Typography.Text ellipsis={{ tooltip: a.name }} style={{ maxWidth: 220 }}>{a.name}</Typography.Text>{' '}
                {a.evidence && <Tag color="blue">{t(`evidenceKind.${a.evidence}`)}</Tag>}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('problemDetail.attachmentMeta', { size: fileSize(a.size), name: a.uploadedBy, at: format.dateTime(a.uploadedAt) })}
              </Typography.Text>
            </div>
            <AttachmentDownload attachment={a} />
          </li>
        ))}
      </ul>
    );
  return (
    <Card size="small" title={t('problemDetail.attachments')}>
      {body}
      {canUpload && (
        <div style={{ marginTop: 12 }}>
          <AttachmentUploader problemId={problemId} onUploaded={onUploaded} />
        </div>
      )}
    </Card>
  );
}
