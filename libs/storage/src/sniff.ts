import { extname } from 'node:path';
import { ATTACHMENT_MAX_BYTES, ProblemError } from '@congress/contracts';
import { fileTypeFromBuffer } from 'file-type';

export { ATTACHMENT_MAX_BYTES };

export interface AttachmentType {
  contentType: string;
  /** Without the dot, as the content says, whatever the uploaded name claimed. */
  extension: string;
}

/** What file-type reports → what we store. Everything else is refused. */
const ACCEPTED: Record<string, AttachmentType> = {
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
  jpg: { contentType: 'image/jpeg', extension: 'jpg' },
  png: { contentType: 'image/png', extension: 'png' },
  // An animated PNG is a valid PNG (viewers that do not animate show its first frame).
  apng: { contentType: 'image/png', extension: 'png' },
  gif: { contentType: 'image/gif', extension: 'gif' },
  webp: { contentType: 'image/webp', extension: 'webp' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx' },
};

/**
 * Word 97–2003, Excel 97–2003 (and 5.0/95) and PowerPoint 97–2003 files are all OLE compound files
 * (file-type says only `cfb`), as are installers (.msi), encrypted OOXML and WPS's own formats. The
 * uploaded name says which Office format it claims to be; the stream that format keeps its content
 * in must then be present (its name is stored in UTF-16LE in the file's directory).
 */
const LEGACY_OFFICE: Record<string, { type: AttachmentType; streams: string[] }> = {
  doc: { type: { contentType: 'application/msword', extension: 'doc' }, streams: ['WordDocument'] },
  xls: { type: { contentType: 'application/vnd.ms-excel', extension: 'xls' }, streams: ['Workbook', 'Book'] },
  ppt: { type: { contentType: 'application/vnd.ms-powerpoint', extension: 'ppt' }, streams: ['PowerPoint Document'] },
};

const ACCEPTED_LIST = 'PDF、图片（JPG、PNG、GIF、WebP）和 Office 文档（Word、Excel、PowerPoint）';

function unsupported(detected: string): ProblemError {
  return ProblemError.validation([{ field: 'body', rule: 'unsupported_type', message: `附件类型不支持：只接受 ${ACCEPTED_LIST}；检测到的类型是 ${detected}` }]);
}

/**
 * The type of an attachment, decided by its bytes; the uploaded name and the declared Content-Type
 * are not trusted (a `.pdf` that is an executable is refused). Throws a 413 problem above
 * {@link ATTACHMENT_MAX_BYTES} and a 400 problem for any type outside the accepted list.
 */
export async function sniffAttachment(data: Buffer, declaredName: string): Promise<AttachmentType> {
  assertAttachmentSize(data.length);
  const found = await fileTypeFromBuffer(data);
  if (!found) throw unsupported('未知格式（可能是纯文本或无法识别的二进制文件）');
  const accepted = ACCEPTED[found.ext];
  if (accepted) return accepted;
  if (found.ext === 'cfb') {
    const declared = extname(declaredName).slice(1).toLowerCase();
    const legacy = LEGACY_OFFICE[declared];
    if (legacy && legacy.streams.some((stream) => data.includes(Buffer.from(stream, 'utf16le')))) return legacy.type;
    const detail = legacy ? `不是有效的 .${declared} 文件` : '文件名不是 .doc、.xls 或 .ppt';
    throw unsupported(`OLE 复合文档（application/x-cfb），但${detail}`);
  }
  throw unsupported(`${found.ext}（${found.mime}）`);
}

function megabytes(size: number): string {
  // Rounded up, so that a file just over the limit never reads as "20 MB".
  return String(Math.ceil((size / (1024 * 1024)) * 10) / 10);
}

/** Refuses an empty attachment (400) or one above {@link ATTACHMENT_MAX_BYTES} (413). */
export function assertAttachmentSize(size: number): void {
  if (size <= 0) throw ProblemError.validation([{ field: 'body', rule: 'empty', message: '附件是空文件' }]);
  if (size > ATTACHMENT_MAX_BYTES) {
    const { problem } = ProblemError.validation([
      { field: 'body', rule: 'too_large', message: `附件不能超过 ${ATTACHMENT_MAX_BYTES / (1024 * 1024)} MB（本文件 ${megabytes(size)} MB）` },
    ]);
    throw new ProblemError({ ...problem, status: 413 });
  }
}
