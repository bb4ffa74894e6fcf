import type { ProjectCategory, ProjectStage } from '@congress/contracts';
import type { DataSource } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { addDays } from '@congress/contracts';
import { STANDARD_ROADMAP } from '../schedule/schedule.rules.js';

const NAMESPACE = '6f1c1b8e-7d1e-5b59-9f0a-6a0e1c2d3b4a';
type Source = 'higher-requirement' | 'party-priority' | 'public-concern' | 'deputy-suggestion' | 'routine-findings';

interface DemoProject {
  unitCode: string;
  year: number;
  title: string;
  category: ProjectCategory;
  sources: Source[];
  stage: ProjectStage;
  summary: string;
}

/** 郴州's own supervision years, as DESIGN.md tells them; the rest fills the 2022 plan to 23. */
const CHENZHOU: Omit<DemoProject, 'unitCode'>[] = [
  { year: 2019, title: '"一法三条例"执法检查（水污染防治法、湘江保护条例、饮用水水源保护条例、东江湖水环境保护条例）', category: 'law-inspection', sources: ['higher-requirement', 'public-concern'], stage: 'tracking', summary: '检查水污染防治法及三个条例在本市的实施情况' },
  { year: 2020, title: '环境状况和环境保护目标完成情况的报告', category: 'work-report', sources: ['higher-requirement'], stage: 'tracking', summary: '听取和审议市人民政府关于2019年度环境状况和环境保护目标完成情况的报告' },
  { year: 2021, title: '优化营商环境专项工作报告', category: 'work-report', sources: ['party-priority', 'public-concern'], stage: 'evaluating', summary: '审议意见连同28个具体问题交办市人民政府研究处理' },
  { year: 2021, title: '巩固拓展脱贫攻坚成果同乡村振兴有效衔接情况', category: 'research', sources: ['party-priority'], stage: 'tracking', summary: '跟踪监督脱贫攻坚成果巩固和乡村振兴衔接工作' },
  { year: 2022, title: '"十四五"规划执行情况', category: 'budget-review', sources: ['higher-requirement'], stage: 'implementing', summary: '听取和审议"十四五"规划纲要实施中期评估报告' },
  { year: 2022, title: '政府债务管理情况', category: 'budget-review', sources: ['higher-requirement', 'party-priority'], stage: 'implementing', summary: '听取和审议市人民政府关于政府债务管理情况的报告' },
  { year: 2022, title: '义务教育"双减"工作情况', category: 'work-report', sources: ['public-concern', 'deputy-suggestion'], stage: 'implementing', summary: '听取和审议市人民政府关于义务教育阶段减轻学生作业负担和校外培训负担工作情况的报告' },
  { year: 2022, title: '稳岗就业工作情况', category: 'work-report', sources: ['party-priority', 'public-concern'], stage: 'implementing', summary: '听取和审议市人民政府关于稳就业保就业工作情况的报告' },
  { year: 2022, title: '传承红色基因推动绿色发展情况', category: 'inspection', sources: ['party-priority'], stage: 'approved', summary: '视察红色资源保护利用和绿色发展工作' },
  ...[
    '2021年度市本级预算执行和其他财政收支审计工作报告',
    '国有资产管理情况综合报告',
    '国民经济和社会发展计划执行情况',
    '食品安全法执法检查',
    '安全生产法执法检查',
    '河长制湖长制工作情况',
    '养老服务体系建设情况',
    '医疗保障工作情况',
    '法院执行工作情况',
    '检察机关公益诉讼工作情况',
    '农村饮水安全工作情况',
    '文物保护工作情况',
    '物业管理条例实施情况',
    '道路交通安全管理工作情况',
    '全民健身条例实施情况',
    '城区老旧小区改造工作情况',
    '东江湖流域保护工作情况',
    '法治政府建设情况',
  ].map((title, i) => ({
    year: 2022,
    title,
    category: (title.includes('执法检查') ? 'law-inspection' : i % 3 === 0 ? 'budget-review' : 'work-report') as ProjectCategory,
    sources: [(['higher-requirement', 'party-priority', 'public-concern', 'deputy-suggestion'] as const)[i % 4]] as Source[],
    stage: (['approved', 'implementing', 'implementing', 'evaluating'] as const)[i % 4] as ProjectStage,
    summary: `关于${title}的监督项目`,
  })),
  { year: 2023, title: '城乡居民基本医疗保险工作情况', category: 'work-report', sources: ['deputy-suggestion'], stage: 'planning', summary: '代表建议较集中的民生事项' },
  { year: 2023, title: '农村生活垃圾治理情况', category: 'research', sources: ['routine-findings'], stage: 'reserve', summary: '日常视察中发现的问题' },
];

/** A few projects in every stage for the other units, so each has a library to look at. */
function others(units: string[]): DemoProject[] {
  const stages: ProjectStage[] = ['reserve', 'planning', 'approved', 'implementing', 'evaluating', 'tracking', 'withdrawn'];
  const titles = ['政府债务管理情况', '生态环境保护工作情况', '优化营商环境工作情况', '乡村振兴工作情况', '义务教育"双减"工作情况', '安全生产工作情况', '预算执行情况'];
  return units.flatMap((unitCode, u) =>
    stages.map((stage, i) => ({
      unitCode,
      year: 2022,
      title: titles[(u + i) % titles.length],
      category: (i % 2 ? 'work-report' : 'budget-review') as ProjectCategory,
      sources: ['higher-requirement' as Source],
      stage,
      summary: `${titles[(u + i) % titles.length]}（演示数据）`,
    })),
  );
}

const APPROVED: ProjectStage[] = ['approved', 'implementing', 'evaluating', 'tracking', 'closed'];

/**
 * Loads demo projects with fixed ids, straight into the tables (a data load, not a workflow:
 * no guards, no events). Idempotent: existing ids are left alone.
 */
export async function seedProjects(db: DataSource, unitCodes: string[]): Promise<number> {
  const projects: DemoProject[] = [...CHENZHOU.map((p) => ({ ...p, unitCode: '431000' })), ...others(unitCodes.filter((c) => c !== '431000'))];
  let inserted = 0;
  await db.transaction(async (m) => {
    for (const p of projects) {
      const id = uuidv5(`${p.unitCode}:${p.year}:${p.title}:${p.stage}`, NAMESPACE);
      const approval = APPROVED.includes(p.stage) || p.stage === 'withdrawn'
        ? { decidingBody: 'party-committee', decisionDate: `${p.year}-02-18`, documentNumber: `${p.unitCode === '431000' ? '郴人常发' : '人常发'}〔${p.year}〕5号` }
        : null;
      const result = await m.query(
        // Entered at the start of its year, so that its timeline begins where its story does.
        `INSERT INTO projects (id, unit_code, year, title, category, sources, summary, stage, approval, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [id, p.unitCode, p.year, p.title, p.category, p.sources, p.summary, p.stage, approval ? JSON.stringify(approval) : null, `${p.year - 1}-12-10T09:00:00+08:00`],
      );
      if (result.length === 0) continue;
      inserted++;
      if (!APPROVED.includes(p.stage)) continue;
      await m.query(`INSERT INTO responsibilities (id, project_id, unit_code, role, holder_name, duty) VALUES ($1, $2, $3, '牵头领导', '分管副主任', '牵头调研、组织审议和跟踪监督')`, [uuidv5(`${id}:resp`, NAMESPACE), id, p.unitCode]);
      for (const [i, step] of STANDARD_ROADMAP.entries()) {
        const due = addDays(`${p.year}-03-01`, step.offsetDays);
        const done = p.stage !== 'approved' && (p.year < 2022 || i < 2);
        await m.query(`INSERT INTO milestones (id, project_id, unit_code, position, title, due_date, done_at, due_notified_at, overdue_notified_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now())`, [
          uuidv5(`${id}:m${i}`, NAMESPACE),
          id,
          p.unitCode,
          i + 1,
          step.title,
          due,
          done ? `${due}T09:00:00+08:00` : null,
        ]);
      }
      await m.query(
        `INSERT INTO tasks (id, project_id, unit_code, title, owner_name, start_date, due_date, status, percent) VALUES ($1, $2, $3, '开展专题调研', '机关工作人员', $4, $5, $6, $7), ($8, $2, $3, '起草审议意见', '机关工作人员', $9, $10, $11, $12)`,
        [uuidv5(`${id}:t1`, NAMESPACE), id, p.unitCode, `${p.year}-03-01`, `${p.year}-03-31`, 'done', 100, uuidv5(`${id}:t2`, NAMESPACE), `${p.year}-04-01`, `${p.year}-05-15`, p.year < 2022 ? 'done' : 'doing', p.year < 2022 ? 100 : 40],
      );
    }
  });
  return inserted;
}
