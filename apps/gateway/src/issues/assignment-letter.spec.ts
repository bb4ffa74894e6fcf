import { describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import type { Opinion } from '@congress/contracts';
import { BODY, BODY_NAMES, aProblemItem } from './__fixtures__/problems.js';
import { assignmentLetterDocx, chineseDate } from './assignment-letter.js';

const opinion: Opinion = {
  id: '018f0000-0000-7000-8000-00000000a001',
  projectId: '018f0000-0000-7000-8000-00000000a002',
  unitCode: '431000',
  year: 2021,
  session: '市五届人大常委会第三十三次会议',
  deliberatedOn: '2021-04-28',
  text: '一、充分肯定城市管网建设取得的成效。\n二、存在的主要问题……\n三、几点建议……',
  status: 'transmitted',
  transmittedAt: '2021-05-10T02:00:00.000Z',
  reportDueDate: '2021-08-10',
  deferredReportDue: null,
  problemCount: 28,
  version: 1,
  createdAt: '2021-04-29T02:00:00.000Z',
  allowedActions: [],
};

const letter = (overrides: Partial<Parameters<typeof assignmentLetterDocx>[0]> = {}) =>
  assignmentLetterDocx({
    unitName: '郴州市人大常委会',
    documentNumber: '郴人常办函〔2021〕12号',
    bodyName: '市住房和城乡建设局',
    projectTitle: '城市地下管网建设管理情况',
    opinion,
    problems: Array.from({ length: 28 }, (_, i) => aProblemItem(i + 1, i === 0 ? { coBodyIds: [BODY.beihu] } : {})),
    bodyNames: (id) => BODY_NAMES[id] ?? id,
    issuedOn: '2021-05-10',
    ...overrides,
  });

async function documentXml(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (xml === undefined) throw new Error('no word/document.xml in the file');
  return xml;
}

/** The text of the document, runs joined: what a reader sees, whatever the run boundaries. */
const plain = (xml: string) => xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');

describe('assignment letter (交办函)', () => {
  it('writes the date as official documents do', () => {
    expect(chineseDate('2021-04-28')).toBe('2021年4月28日');
    expect(chineseDate('2021-12-01')).toBe('2021年12月1日');
    expect(() => chineseDate('28/04/2021')).toThrow(RangeError);
  });

  it('is a Word document with the title, addressee, due date and every problem', async () => {
    const docx = await letter();
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = await documentXml(docx);
    const text = plain(xml);
    expect(text).toContain('郴州市人大常委会办公室');
    expect(text).toContain('郴人常办函〔2021〕12号');
    expect(text).toContain('关于交办《城市地下管网建设管理情况》审议意见及问题清单的函');
    expect(text).toContain('\n市住房和城乡建设局：');
    expect(text).toContain('市五届人大常委会第三十三次会议于2021年4月28日');
    expect(text).toContain('共 28 个问题');
    expect(text).toContain('\n问题清单');
    expect(text).toContain('于2021年8月10日前将研究处理情况书面报告郴州市人大常委会');
    expect(text).toContain('第17个问题：部分老旧小区雨污管网未分流');
    expect(text).toContain('第28项措施：分批实施雨污分流改造');
    expect(text).toContain('市住房和城乡建设局（协办：北湖区人民政府）');
    expect(text).toContain('2021年12月31日');
    expect(text).toContain('2021年5月10日');
    // 1 header row + 28 problems
    expect(xml.match(/<w:tr[ >]/g)).toHaveLength(29);
  });

  it('lays out the page and type as GB/T 9704 sets them', async () => {
    const xml = await documentXml(await letter());
    const section = /<w:sectPr>.*<\/w:sectPr>/.exec(xml)?.[0];
    // A4 with 37/26/35/28 mm margins, in twips.
    expect(section).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(section).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const has = (fragment: string) => xml.includes(fragment);
    expect(has('<w:color w:val="FF0000"/>')).toBe(true); // red masthead
    expect(has('<w:bottom w:val="single" w:color="FF0000"')).toBe(true); // red rule
    expect(has('w:eastAsia="仿宋_GB2312"')).toBe(true);
    expect(has('w:eastAsia="方正小标宋简体"')).toBe(true);
    expect(has('w:firstLineChars="200"')).toBe(true);
  });

  it('leaves out what it was not given, and writes no placeholders', async () => {
    const text = plain(await documentXml(await letter({ documentNumber: undefined, problems: [], opinion: { ...opinion, reportDueDate: null } })));
    expect(text).not.toContain('〔');
    expect(text).not.toContain('问题清单（');
    expect(text).not.toContain('\n问题清单');
    expect(text).toContain('并及时将研究处理情况书面报告');
    expect(text).not.toMatch(/联系人|……：|XXX|＿/);
  });
});
