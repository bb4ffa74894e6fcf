import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Plan } from '@congress/contracts';
import { planWorkbook } from './plan-workbook.js';

const plan: Plan = {
  unitCode: '431000',
  year: 2022,
  entries: [
    {
      id: '018f0000-0000-7000-8000-000000000001',
      title: '政府债务管理情况',
      category: 'budget-review',
      stage: 'approved',
      approval: { decidingBody: 'party-committee', decisionDate: '2022-02-18', documentNumber: '郴人常发〔2022〕5号' },
      summary: '听取和审议市人民政府关于政府债务管理情况的报告',
      leadCommitteeId: null,
      leaderPersonId: null,
      ownerPersonId: null,
      plannedSession: null,
      planStatus: 'added',
    },
  ],
  adjustments: [
    {
      id: '018f0000-0000-7000-8000-000000000002',
      projectId: '018f0000-0000-7000-8000-000000000001',
      projectTitle: '政府债务管理情况',
      kind: 'add',
      reason: '年中增补',
      approverName: '主任会议',
      approvedOn: '2022-06-20',
      documentNumber: '郴人常办〔2022〕12号',
      before: { stage: 'planning' },
      after: { stage: 'approved' },
      recordedBy: 'chenzhou-staff',
      recordedAt: '2022-06-21T02:00:00.000Z',
    },
  ],
};

describe('year plan workbook', () => {
  it('lays the plan out as the usual table, with a sheet of adjustments', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await planWorkbook(plan, '郴州市人大常委会')) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('年度监督计划')!;
    expect(sheet.getCell('A1').value).toBe('郴州市人大常委会2022年度监督工作计划');
    expect(sheet.getRow(2).values).toEqual([undefined, '序号', '项目名称', '类别', '主要内容', '决定机关', '决定日期', '文号', '当前阶段', '计划状态']);
    expect(sheet.getRow(3).values).toEqual([undefined, 1, '政府债务管理情况', '计划预算审查', '听取和审议市人民政府关于政府债务管理情况的报告', '党委批转', '2022-02-18', '郴人常发〔2022〕5号', '立项', '增补']);
    const changes = workbook.getWorksheet('动态调整')!;
    expect(changes.getRow(2).getCell(3).value).toBe('增补');
    expect(changes.getRow(2).getCell(5).value).toBe('主任会议');
  });
});
