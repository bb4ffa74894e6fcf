import type { Opinion, ProblemItem } from '@congress/contracts';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';

// The 交办函 laid out after GB/T 9704-2012 (党政机关公文格式): A4, a 156 mm type area, red
// masthead and rule, 小标宋 title, 仿宋 三号 body at 22 lines a page. Fonts are named as the
// standard names them; Word substitutes its own where a machine lacks them.

export interface AssignmentLetterInput {
  /** The standing committee, e.g. 郴州市人大常委会. */
  unitName: string;
  /** e.g. 郴人常办函〔2021〕12号 */
  documentNumber?: string;
  /** The addressee: the body (承办单位) the problems are assigned to. */
  bodyName: string;
  projectTitle: string;
  opinion: Opinion;
  /** The problems assigned to this body, in the order they are to be listed. */
  problems: ProblemItem[];
  bodyNames: (id: string) => string;
  /** YYYY-MM-DD */
  issuedOn: string;
}

/** A calendar date as official documents write it: 2021年4月28日. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

const XIAOBIAOSONG = '方正小标宋简体';
const FANGSONG = '仿宋_GB2312';
const HEITI = '黑体';
const SONGTI = '宋体';
/** Latin letters and digits in Times New Roman, Chinese in the named face, as the standard sets them. */
const font = (eastAsia: string) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia, hint: 'eastAsia' });

/** Point sizes by their Chinese names, in the half-points Word counts in. */
const ERHAO = 44; // 二号 22 pt
const SANHAO = 32; // 三号 16 pt
const SIHAO = 28; // 四号 14 pt
const XIAOSI = 24; // 小四 12 pt

/** Millimetres in twips, rounded (docx's own helper truncates: A4 would come out a twip short). */
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const RED = 'FF0000';
const TYPE_WIDTH = mm(210 - 28 - 26);
/** 三号 characters are 16 pt = 320 twips wide. */
const CHAR = 320;
/** 22 lines on a 225 mm type area: a fixed 28.95 pt line. */
const BODY_LINE = { line: 579, lineRule: LineRuleType.EXACT };

/** Width in ems: a Chinese character is one, Latin letters and digits about half. */
const widthInChars = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);

function para(text: string, run: IRunOptions, options: Omit<IParagraphOptions, 'children'> = {}): Paragraph {
  return new Paragraph({ ...options, children: [new TextRun({ ...run, text })] });
}
const INDENT_2 = { firstLineChars: 200, firstLine: 2 * CHAR };
const body = (text: string, options: Omit<IParagraphOptions, 'children'> = { indent: INDENT_2 }) =>
  para(text, { font: font(FANGSONG), size: SANHAO }, { spacing: BODY_LINE, alignment: AlignmentType.JUSTIFIED, ...options });
const blank = () => body('', {});

function masthead(unitName: string, documentNumber: string | undefined): Paragraph[] {
  const name = `${unitName}办公室`;
  // 小初 (36 pt), smaller only where a long name would not fit on one line.
  const pt = Math.max(22, Math.min(36, Math.floor((TYPE_WIDTH / 20 / widthInChars(name)) * 0.95)));
  // GB/T 9704: the document number sits under the masthead, the red rule 4 mm under the number.
  const rule = { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } };
  const under = documentNumber ? { spacing: { after: 360 } } : { border: rule };
  const head = para(name, { font: font(XIAOBIAOSONG), size: pt * 2, color: RED }, { alignment: AlignmentType.CENTER, ...under });
  if (!documentNumber) return [head];
  return [head, para(documentNumber, { font: font(FANGSONG), size: SANHAO }, { alignment: AlignmentType.CENTER, border: rule })];
}

function cell(text: string, width: number, options: { bold?: boolean; center?: boolean; date?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: text.split('\n').map((line) =>
      para(line, { font: font(options.bold ? HEITI : FANGSONG), size: XIAOSI }, {
        alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        // Word's extra space between digits and Chinese would push 2021年12月31日 onto two lines.
        ...(options.date ? { autoSpaceEastAsianText: false } : {}),
      }),
    ),
  });
}

function problemTable(problems: ProblemItem[], bodyNames: (id: string) => string): Table {
  // Sums to the 8844-twip type width; 整改时限 is wide enough for 2021年12月31日 on one line.
  const widths = [720, 2550, 2174, 1400, 2000];
  const header = ['序号', '问题', '整改要求/措施', '责任单位', '整改时限'];
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, widths[i], { bold: true, center: true })) }),
    ...problems.map((p, i) => {
      const co = p.coBodyIds.map(bodyNames);
      const bodies = bodyNames(p.responsibleBodyId) + (co.length ? `（协办：${co.join('、')}）` : '');
      return new TableRow({
        cantSplit: true,
        children: [
          cell(String(i + 1), widths[0], { center: true }),
          cell(p.description, widths[1]),
          cell(p.measures, widths[2]),
          cell(bodies, widths[3]),
          cell(p.deadline ? chineseDate(p.deadline) : '', widths[4], { center: true, date: true }),
        ],
      });
    }),
  ];
  return new Table({ rows, width: { size: TYPE_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED });
}

/** The signature: the date 4 characters from the right margin, the name centred over it. */
function signature(name: string, date: string): Paragraph[] {
  const nameIndent = Math.max(0, 4 + (widthInChars(date) - widthInChars(name)) / 2);
  const right = (text: string, chars: number) => body(text, { alignment: AlignmentType.RIGHT, indent: { right: Math.round(chars * CHAR) } });
  return [right(name, nameIndent), right(date, 4)];
}

/** The letter that hands a deliberation opinion and its problem list to one body, as a .docx. */
export async function assignmentLetterDocx(input: AssignmentLetterInput): Promise<Buffer> {
  const { unitName, opinion, problems } = input;
  const title = `关于交办《${input.projectTitle}》审议意见及问题清单的函`;
  const list = problems.length ? `审议意见及问题清单（共 ${problems.length} 个问题）` : '审议意见';
  const due = opinion.reportDueDate ? `于${chineseDate(opinion.reportDueDate)}前` : '及时';
  const opening =
    `${opinion.session}于${chineseDate(opinion.deliberatedOn)}对《${input.projectTitle}》进行了审议，形成了审议意见。` +
    `现将${list}交办你单位，请认真研究处理，逐项抓好整改落实，并${due}将研究处理情况书面报告${unitName}。`;
  // Unnumbered, centred headings: the opinion numbers its own parts 一、二、三.
  const heading = (text: string) => para(text, { font: font(HEITI), size: SANHAO }, { spacing: BODY_LINE, alignment: AlignmentType.CENTER, keepNext: true });

  const children: (Paragraph | Table)[] = [
    ...masthead(unitName, input.documentNumber),
    blank(),
    para(title, { font: font(XIAOBIAOSONG), size: ERHAO }, { alignment: AlignmentType.CENTER, spacing: { line: 579, lineRule: LineRuleType.AT_LEAST } }),
    blank(),
    body(`${input.bodyName}：`, {}),
    body(opening),
    heading('审议意见'),
    ...opinion.text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => body(line)),
  ];
  if (problems.length) children.push(heading('问题清单'), problemTable(problems, input.bodyNames));
  children.push(blank(), blank(), ...signature(`${unitName}办公室`, chineseDate(input.issuedOn)));

  const pageNumber = new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ font: font(SONGTI), size: SIHAO, children: ['— ', PageNumber.CURRENT, ' —'] })],
  });
  const document = new Document({
    title,
    creator: unitName,
    styles: { default: { document: { run: { font: font(FANGSONG), size: SANHAO, language: { value: 'zh-CN', eastAsia: 'zh-CN' } } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            // The page number sits about 7 mm under the type area.
            margin: { top: mm(37), left: mm(28), right: mm(26), bottom: mm(35), footer: mm(23) },
          },
        },
        footers: { default: new Footer({ children: [pageNumber] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
