import { crc32 } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { problemOf } from '@congress/testing';
import ExcelJS from 'exceljs';
import { ATTACHMENT_MAX_BYTES, assertAttachmentSize, sniffAttachment } from './sniff.js';

const MiB = 1024 * 1024;

// Small but real files: each opens in a viewer.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
// 16×16 JPEG and WebP (CPython's test images).
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z',
  'base64',
);
const WEBP = Buffer.from(
  'UklGRqgBAABXRUJQVlA4WAoAAAAQAAAADwAADwAAQUxQSMMAAAABJ6KokSTleucYX+ffKpmImP90cY3gJjDi4Yt3MsjBEVyDKzDosHgVjnhRNcEIDAJPkqBqsFUZHNa2bUYvTsZ2PLbtd/uvKa4hov9J0f2PkPe6REkkGzolkTTzFG0Ox9PlFiD0CxS+kOGDtxoynjaCfx0pfk52CPuInrOR75lzRugygtv4zEiy90UwfSD9NheMITJWLaXWayO8XeOlWRXVnIGk2W6WdYoYMQ+KqixQNPowgt+6a1BSKbUtz+lUFAoBAAAAVlA4IL4AAACQAgCdASoQABAAAwA0JbACdDBPCIUMfAMdCCz96AD+/XSg/QKbH4r3Q3ycN/bSDK/T/zVo4u6nvclvG/SqxWOuup+XhN9BojvaW+Tv+MvxvX/hr/o/5Qns9LtmX/+qKdl/yWznhuasl7nkxvSTI4xf3Y85VSB/lU/8Ofj/b9JrA+ifvIOYZm2x1RP/dhfmsf5diuSfR7+z+r/+HR3zEo/+XM/B+vkYw73Pzx+ROaAB/ZoBSzEs3rzZe6qsAAAA',
  'base64',
);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120)]);
const WINDOWS_EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(0x3a), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(0x40), Buffer.from('PE\0\0')]);

/** A ZIP archive with stored (uncompressed) entries: enough for OOXML packages. */
function zip(entries: Record<string, string>): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const fileName = Buffer.from(name);
    const data = Buffer.from(text);
    const crc = crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(fileName.length, 26);
    local.push(header, fileName, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, fileName);
    offset += header.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

function ooxml(part: string, mainContentType: string): Buffer {
  return zip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/${part}" ContentType="${mainContentType}"/></Types>`,
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${part}"/></Relationships>`,
    [part]: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><root/>',
  });
}

const DOCX = ooxml('word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
const DOCM = ooxml('word/document.xml', 'application/vnd.ms-word.document.macroEnabled.main+xml');
const PPTX = ooxml('ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml');

async function xlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('问题清单').addRow(['序号', '问题', '整改期限']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An OLE compound file: the signature, and the given stream names in its directory (UTF-16LE). */
function compoundFile(...streams: string[]): Buffer {
  const signature = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const directory = ['Root Entry', ...streams].map((name) => {
    const entry = Buffer.alloc(128);
    entry.write(name, 0, 'utf16le');
    return entry;
  });
  return Buffer.concat([signature, Buffer.alloc(504), ...directory, Buffer.alloc(512)]);
}

async function refusal(data: Buffer, name: string) {
  const problem = await problemOf(sniffAttachment(data, name));
  expect(problem.status).toBe(400);
  expect(problem.errors).toEqual([expect.objectContaining({ field: 'body', rule: 'unsupported_type' })]);
  return problem.errors![0].message;
}

describe('sniffAttachment', () => {
  it.each([
    ['PDF', PDF, '报告.pdf', 'application/pdf', 'pdf'],
    ['PNG', PNG, 'a.png', 'image/png', 'png'],
    ['JPEG', JPEG, 'photo.JPEG', 'image/jpeg', 'jpg'],
    ['GIF', GIF, 'a.gif', 'image/gif', 'gif'],
    ['WebP', WEBP, 'a.webp', 'image/webp', 'webp'],
    ['DOCX', DOCX, '整改报告.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
    ['PPTX', PPTX, '汇报.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'],
  ])('accepts %s by its content', async (_kind, data, name, contentType, extension) => {
    await expect(sniffAttachment(data, name)).resolves.toEqual({ contentType, extension });
  });

  it('accepts an XLSX workbook written by exceljs', async () => {
    await expect(sniffAttachment(await xlsx(), '台账.xlsx')).resolves.toEqual({
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
    });
  });

  it('goes by the content, not the name: a PNG named .pdf is a PNG', async () => {
    await expect(sniffAttachment(PNG, 'scan.pdf')).resolves.toEqual({ contentType: 'image/png', extension: 'png' });
  });

  it.each([
    ['doc', 'WordDocument', 'application/msword'],
    ['xls', 'Workbook', 'application/vnd.ms-excel'],
    ['ppt', 'PowerPoint Document', 'application/vnd.ms-powerpoint'],
  ])('accepts a legacy .%s compound file holding its %s stream', async (extension, stream, contentType) => {
    await expect(sniffAttachment(compoundFile(stream), `旧文件.${extension.toUpperCase()}`)).resolves.toEqual({ contentType, extension });
  });

  it('refuses a compound file whose name is not .doc, .xls or .ppt', async () => {
    expect(await refusal(compoundFile('WordDocument'), 'setup.msi')).toContain('文件名不是 .doc、.xls 或 .ppt');
  });

  it('refuses a compound file named .doc that has no Word document inside (e.g. an installer)', async () => {
    expect(await refusal(compoundFile('SummaryInformation'), '通知.doc')).toContain('不是有效的 .doc 文件');
  });

  it('refuses a Linux executable named .pdf, naming what it found', async () => {
    const message = await refusal(ELF, '报告.pdf');
    expect(message).toBe(
      '附件类型不支持：只接受 PDF、图片（JPG、PNG、GIF、WebP）和 Office 文档（Word、Excel、PowerPoint）；检测到的类型是 elf（application/x-elf）',
    );
  });

  it('refuses a Windows executable named .docx', async () => {
    expect(await refusal(WINDOWS_EXE, '报告.docx')).toContain('exe');
  });

  it('refuses plain text named .pdf', async () => {
    expect(await refusal(Buffer.from('这不是 PDF，只是一段文字。\n'.repeat(20)), '报告.pdf')).toContain('未知格式');
  });

  it('refuses a ZIP archive that is not an Office document', async () => {
    expect(await refusal(zip({ 'readme.txt': 'hello' }), '材料.docx')).toContain('zip');
  });

  it('refuses a macro-enabled Word document', async () => {
    expect(await refusal(DOCM, '报告.docx')).toContain('docm');
  });

  it('refuses an image type outside the list (TIFF)', async () => {
    expect(await refusal(Buffer.concat([Buffer.from('II*\0\x08\0\0\0', 'latin1'), Buffer.alloc(64)]), 'scan.tif')).toContain('tif');
  });

  it('refuses a file above the limit with 413 before looking at it', async () => {
    const problem = await problemOf(sniffAttachment(Buffer.alloc(ATTACHMENT_MAX_BYTES + 1), 'big.pdf'));
    expect(problem.status).toBe(413);
  });
});

describe('assertAttachmentSize', () => {
  it('accepts exactly 20 MB', () => {
    expect(ATTACHMENT_MAX_BYTES).toBe(20 * MiB);
    expect(() => assertAttachmentSize(20 * MiB)).not.toThrow();
  });

  it('refuses one byte more with 413 and the size in the message, rounded up', async () => {
    const problem = await problemOf(Promise.resolve().then(() => assertAttachmentSize(20 * MiB + 1)));
    expect(problem).toMatchObject({ status: 413, code: 'validation' });
    expect(problem.errors).toEqual([{ field: 'body', rule: 'too_large', message: '附件不能超过 20 MB（本文件 20.1 MB）' }]);
  });

  it('says how big a large file is', async () => {
    const problem = await problemOf(Promise.resolve().then(() => assertAttachmentSize(35.5 * MiB)));
    expect(problem.errors?.[0].message).toBe('附件不能超过 20 MB（本文件 35.5 MB）');
  });

  it('refuses an empty file with 400', async () => {
    const problem = await problemOf(Promise.resolve().then(() => assertAttachmentSize(0)));
    expect(problem).toMatchObject({ status: 400, errors: [{ field: 'body', rule: 'empty', message: '附件是空文件' }] });
  });
});
