// The demo problem lists of 郴州 (431000): what the standing committee found, deliberated and
// transmitted, item by item ("见事见物、落细落小"). Bodies are named by their short names in
// infra/demo/demo-data.json; demo-issues.ts resolves them to ids and replays each problem's life.

/**
 * The demo projects these opinions belong to: titles, years and stages exactly as
 * apps/project-library/src/seed/demo-projects.ts gives them, because the project ids are derived
 * from them (an app never imports another app, so they are copied here).
 */
export const PROJECTS = {
  waterLaws2019: { year: 2019, title: '"一法三条例"执法检查（水污染防治法、湘江保护条例、饮用水水源保护条例、东江湖水环境保护条例）', stage: 'tracking' },
  environment2020: { year: 2020, title: '环境状况和环境保护目标完成情况的报告', stage: 'tracking' },
  business2021: { year: 2021, title: '优化营商环境专项工作报告', stage: 'evaluating' },
  fiveYearPlan: { year: 2022, title: '"十四五"规划执行情况', stage: 'implementing' },
  debt: { year: 2022, title: '政府债务管理情况', stage: 'implementing' },
  doubleReduction: { year: 2022, title: '义务教育"双减"工作情况', stage: 'implementing' },
  employment: { year: 2022, title: '稳岗就业工作情况', stage: 'implementing' },
  stateAssets: { year: 2022, title: '国有资产管理情况综合报告', stage: 'implementing' },
  annualPlan: { year: 2022, title: '国民经济和社会发展计划执行情况', stage: 'implementing' },
  foodSafety: { year: 2022, title: '食品安全法执法检查', stage: 'evaluating' },
  riverChiefs: { year: 2022, title: '河长制湖长制工作情况', stage: 'implementing' },
  elderlyCare: { year: 2022, title: '养老服务体系建设情况', stage: 'implementing' },
  medicalInsurance: { year: 2022, title: '医疗保障工作情况', stage: 'evaluating' },
  publicInterest: { year: 2022, title: '检察机关公益诉讼工作情况', stage: 'implementing' },
  ruralWater: { year: 2022, title: '农村饮水安全工作情况', stage: 'implementing' },
  relics: { year: 2022, title: '文物保护工作情况', stage: 'evaluating' },
  roadSafety: { year: 2022, title: '道路交通安全管理工作情况', stage: 'implementing' },
  fitness: { year: 2022, title: '全民健身条例实施情况', stage: 'implementing' },
  oldEstates: { year: 2022, title: '城区老旧小区改造工作情况', stage: 'evaluating' },
  ruleOfLaw: { year: 2022, title: '法治政府建设情况', stage: 'implementing' },
} as const;
export type ProjectKey = keyof typeof PROJECTS;

/**
 * How a live (2022) problem stands today; deadlines and recent steps are counted from today, so
 * that the ledger always has overdue (red), near-deadline (yellow) and on-track (green) items.
 */
export type Plan =
  | 'draft'
  | 'assigned-red'
  | 'assigned-yellow'
  | 'added-green'
  | 'rect-green'
  | 'rect-yellow'
  | 'rect-stale'
  | 'rect-red'
  | 'rect-red-pending'
  | 'sent-back'
  | 'close-requested'
  | 'close-requested-late'
  | 'closed'
  | 'closed-early'
  | 'extended-yellow'
  | 'extended-red'
  | 'reopened';

/** Departures from an older list's usual course (assigned, reported on, closed by verification). */
export type Story = 'extended-then-closed' | 'sent-back-then-closed' | 'still-extended' | 'overdue-after-extension' | 'reopened-by-look-back';

export interface ProblemSpec {
  description: string;
  place: string;
  category: string;
  /** Short name of the responsible body (市发改委 …). */
  body: string;
  co?: string[];
  /** The deadline given at transmission (older lists; live ones follow their plan). */
  deadline?: string;
  measures: string;
  /** What the body reported when it asked to close the problem. */
  done?: string;
  /** Index of the research finding it came from. */
  finding?: number;
  plan?: Plan;
  story?: Story;
  /** What a failed look-back found (回头看复查未通过). */
  relapse?: string;
}

export interface FindingSpec {
  description: string;
  place: string;
  category: string;
  body: string;
  on: string;
}

export interface OpinionSpec {
  project: ProjectKey;
  session: string;
  deliberatedOn: string;
  /** null: still a draft (not transmitted). */
  transmittedOn: string | null;
  /** 'live': counted from today (rectification still under way). */
  reportDue: string | 'live' | null;
  text: string;
  findings?: FindingSpec[];
  problems: ProblemSpec[];
}

// ---- 2019: "一法三条例"执法检查 ------------------------------------------------------------

export const WATER_LAWS_2019: OpinionSpec = {
  project: 'waterLaws2019',
  session: '市五届人大常委会第二十三次会议',
  deliberatedOn: '2019-08-28',
  transmittedOn: '2019-09-10',
  reportDue: '2019-12-31',
  text:
    '市五届人大常委会第二十三次会议听取和审议了市人大常委会执法检查组关于检查《中华人民共和国水污染防治法》《湖南省湘江保护条例》《湖南省饮用水水源保护条例》《湖南省东江湖水环境保护条例》实施情况的报告。' +
    '会议认为，"一法三条例"实施以来，市人民政府及有关部门认真履行法定职责，全市水环境质量总体稳定，东江湖水质总体保持在Ⅱ类以上，湘江流域郴州段水质持续改善。' +
    '同时，执法检查也发现：东江湖保护区内旅游船舶和生活污水收集处理不到位，饮用水水源保护区规范化建设滞后，部分工业园区污水集中处理设施配套不全，入河排污口排查整治不彻底，城市黑臭水体治理有反弹，涉水联合执法机制不健全。' +
    '会议要求，市人民政府对执法检查发现的10个问题建立清单、限期整改，严格落实河长制，依法加强饮用水水源保护，守护好"一湖清水"，并于2019年12月31日前将整改情况书面报告市人大常委会。',
  problems: [
    {
      description: '东江湖旅游船舶和水上餐饮生活污水收集处理不到位，部分船舶存在生活污水直排现象',
      place: '资兴市东江湖风景区',
      category: '东江湖保护',
      body: '市生态环境局',
      co: ['市交通运输局'],
      deadline: '2019-12-31',
      measures: '依法取缔水上餐饮，旅游船舶全部加装生活污水收集装置，在主要码头建设船舶污水接收设施',
      done: '取缔水上餐饮14家，旅游船舶污水收集装置安装率100%，建成码头船舶污水接收设施6处',
    },
    {
      description: '中心城区集中式饮用水水源保护区界标、隔离防护设施不完善，一级保护区内仍有垂钓、游泳等活动',
      place: '中心城区集中式饮用水水源地',
      category: '饮用水水源保护',
      body: '市生态环境局',
      co: ['市水利局'],
      deadline: '2019-12-31',
      measures: '完善保护区界标、警示牌和隔离防护设施，安装视频监控，开展常态化巡查',
      done: '设置界标和警示牌52块、隔离防护网9.8公里，安装视频监控24路，建立每日巡查制度',
    },
    {
      description: '农村"千吨万人"饮用水水源保护区划定工作滞后，部分水源地周边存在畜禽养殖、生活污水等污染隐患',
      place: '各县市区',
      category: '饮用水水源保护',
      body: '市生态环境局',
      co: ['市水利局'],
      deadline: '2020-06-30',
      measures: '完成"千吨万人"饮用水水源保护区划定，逐一排查整治保护区内环境问题',
      done: '完成37个"千吨万人"水源地保护区划定并经省政府批复，整治保护区内环境问题52个',
    },
    {
      description: '部分工业园区污水集中处理设施配套管网不完善，个别企业生产废水未纳管',
      place: '郴州有色金属产业园区、永兴县',
      category: '工业园区污水',
      body: '市生态环境局',
      co: ['市住建局'],
      deadline: '2020-06-30',
      measures: '完善园区污水收集管网，实现企业废水应纳尽纳，重点排污企业安装在线监测',
      done: '新建园区污水管网23公里，园区企业废水全部纳管，安装在线监控设备31套',
    },
    {
      description: '湘江支流耒水、舂陵江沿岸入河排污口底数不清，部分排污口未经审批擅自设置',
      place: '耒水、舂陵江沿岸',
      category: '入河排污口',
      body: '市生态环境局',
      co: ['市水利局'],
      deadline: '2019-12-31',
      measures: '开展入河排污口全面排查，按"取缔一批、合并一批、规范一批"分类整治',
      done: '排查入河排污口412个，取缔非法排污口36个，规范整治128个',
      story: 'reopened-by-look-back',
      relapse: '耒水永兴段新增2处雨污混排排污口，已整治的3个排污口出现私设暗管、偷排反弹',
    },
    {
      description: '中心城区郴江河部分河段雨后黑臭反弹，沿河截污不彻底',
      place: '北湖区、苏仙区郴江河沿线',
      category: '黑臭水体',
      body: '市住建局',
      co: ['市生态环境局'],
      deadline: '2020-06-30',
      measures: '完善沿河截污管网，实施河道清淤和生态补水，建立长效管护机制',
      done: '完成郴江河截污管网改造11公里，清淤8.2万立方米，水质稳定消除黑臭',
    },
    {
      description: '部分历史遗留矿山矿涌水和尾矿库渗滤液未经处理直接外排，影响下游水质',
      place: '苏仙区、临武县矿区',
      category: '涉重金属水污染',
      body: '市生态环境局',
      co: ['市自然资源局'],
      deadline: '2020-06-30',
      measures: '对矿涌水实施收集处理，尾矿库渗滤液全收集、全处理',
      done: '建成矿涌水处理设施9座，22座尾矿库渗滤液实现收集处理、达标排放',
    },
    {
      description: '东江湖网箱退养后仍有少量残留网箱和投肥养殖现象',
      place: '资兴市东江湖',
      category: '东江湖保护',
      body: '市农业农村局',
      co: ['市生态环境局'],
      deadline: '2019-12-31',
      measures: '全面清理残留网箱，严禁投肥养殖，推行增殖放流和生态渔业',
      done: '清理残留网箱1.2万平方米，投放滤食性鱼苗320万尾',
    },
    {
      description: '东江湖水环境保护涉及多个部门和县市区，联合执法机制不健全，执法力量分散',
      place: '东江湖流域',
      category: '执法机制',
      body: '市政府',
      co: ['市生态环境局', '市水利局'],
      deadline: '2019-12-31',
      measures: '建立东江湖流域生态环境联合执法机制，组建综合执法队伍',
      done: '成立东江湖流域联合执法工作领导小组，组建综合执法支队，开展联合执法行动24次',
    },
    {
      description: '部分乡镇水厂水质检测能力不足，出厂水检测指标不全、频次不够',
      place: '宜章县、临武县乡镇水厂',
      category: '供水水质',
      body: '市水利局',
      co: ['市卫健委'],
      deadline: '2020-06-30',
      measures: '建设县级水质检测中心，乡镇水厂配备常规检测设备，落实定期检测',
      done: '建成县级水质检测中心11个，乡镇水厂常规9项指标实现日检',
    },
  ],
};

// ---- 2020: 环境状况和环境保护目标完成情况的报告 ---------------------------------------------

export const ENVIRONMENT_2020: OpinionSpec = {
  project: 'environment2020',
  session: '市五届人大常委会第二十九次会议',
  deliberatedOn: '2020-06-24',
  transmittedOn: '2020-07-06',
  reportDue: '2020-12-31',
  text:
    '市五届人大常委会第二十九次会议听取和审议了市人民政府关于2019年度环境状况和环境保护目标完成情况的报告。' +
    '会议认为，市人民政府坚决扛起生态环境保护政治责任，打好污染防治攻坚战，2019年全市空气质量优良天数比例、地表水水质达标率均完成省定目标，东江湖水质保持稳定。' +
    '同时，会议指出，东江湖流域部分入湖支流总磷浓度偏高，城镇污水收集处理设施短板明显，三十六湾等重金属历史遗留问题治理任务艰巨，历史遗留废弃矿山生态修复进度滞后，秸秆露天焚烧、建筑工地扬尘等问题时有反弹。' +
    '会议要求，市人民政府对12个具体问题逐项明确责任单位和整改时限，加强东江湖保护，加快补齐污水处理设施短板，持续推进重金属污染治理和矿山生态修复，落实生态环境保护"党政同责、一岗双责"，整改情况于2020年12月31日前书面报告市人大常委会。',
  problems: [
    {
      description: '东江湖部分入湖支流总磷浓度偏高，沿河农村生活污水和农业面源污染治理滞后',
      place: '资兴市东江湖入湖支流（浙水、滁水）',
      category: '东江湖保护',
      body: '市生态环境局',
      co: ['市水利局', '市农业农村局'],
      deadline: '2021-06-30',
      measures: '实施入湖支流综合治理，建设沿河村庄生活污水处理设施，推广测土配方施肥、减少化肥使用',
      done: '完成入湖支流沿线46个村生活污水治理，支流总磷浓度同比下降21%，稳定达到Ⅱ类标准',
    },
    {
      description: '中心城区部分老旧片区雨污合流，污水处理厂进水BOD浓度偏低，污水收集效能不高',
      place: '北湖区、苏仙区中心城区',
      category: '城镇污水处理',
      body: '市住建局',
      co: ['市生态环境局'],
      deadline: '2021-06-30',
      measures: '实施中心城区雨污分流改造和污水管网补短板工程，开展管网错接混接排查',
      done: '完成雨污分流改造管网68公里，中心城区污水处理厂进水BOD浓度提高至105mg/L',
    },
    {
      description: '部分建制镇污水处理设施建成后因管网不配套、运维经费不足未能正常运行',
      place: '宜章县、汝城县部分建制镇',
      category: '城镇污水处理',
      body: '市住建局',
      co: ['市生态环境局'],
      deadline: '2020-12-31',
      measures: '补齐乡镇污水收集管网，落实运维经费，实行第三方专业化运维',
      done: '14座乡镇污水处理厂全部正常运行，平均负荷率提高至72%',
    },
    {
      description: '三十六湾矿区历史遗留重金属污染治理任务重，甘溪河流域部分断面镉、砷浓度不稳定',
      place: '临武县、嘉禾县三十六湾矿区（甘溪河流域）',
      category: '重金属污染',
      body: '市生态环境局',
      co: ['市自然资源局'],
      deadline: '2021-06-30',
      measures: '分期实施三十六湾矿区历史遗留废渣治理和甘溪河流域综合整治，开展断面加密监测',
      story: 'still-extended',
    },
    {
      description: '历史遗留废弃矿山生态修复进度滞后，部分矿山存在地质灾害隐患和水土流失',
      place: '苏仙区、桂阳县历史遗留废弃矿山',
      category: '矿山生态修复',
      body: '市自然资源局',
      deadline: '2021-06-30',
      measures: '编制历史遗留废弃矿山生态修复实施方案，分年度推进复绿和地质灾害治理',
      story: 'overdue-after-extension',
    },
    {
      description: '秋冬季秸秆露天焚烧屡禁不止，秸秆综合利用率偏低',
      place: '安仁县、永兴县',
      category: '大气污染防治',
      body: '市农业农村局',
      co: ['市生态环境局'],
      deadline: '2020-12-31',
      measures: '落实网格化禁烧巡查，推广秸秆还田和饲料化、基料化利用',
      done: '建立县乡村三级禁烧网格，秸秆综合利用率达到88%',
    },
    {
      description: '部分建筑工地"六个百分之百"扬尘防治措施不落实，渣土运输车辆带泥上路',
      place: '中心城区建筑工地',
      category: '大气污染防治',
      body: '市住建局',
      co: ['市生态环境局'],
      deadline: '2020-12-31',
      measures: '建筑工地安装扬尘在线监测，渣土车全密闭运输，违规企业纳入信用惩戒',
      done: '中心城区在建工地全部安装扬尘在线监测，查处违规渣土车辆312台次',
    },
    {
      description: '部分企业冶炼废渣、尾矿规范贮存不到位，存在环境和安全隐患',
      place: '永兴县稀贵金属产业园、苏仙区',
      category: '固体废物',
      body: '市生态环境局',
      co: ['市应急局'],
      deadline: '2021-06-30',
      measures: '开展工业固体废物专项排查，规范贮存场所建设，推进冶炼废渣综合利用',
      done: '排查企业186家，整改规范贮存场所43处，冶炼废渣综合利用率提高至81%',
    },
    {
      description: '县级饮用水水源保护区内仍有违规建筑和农家乐，界标、隔离设施不完善',
      place: '桂东县、汝城县县级饮用水水源保护区',
      category: '饮用水水源保护',
      body: '市生态环境局',
      co: ['市水利局'],
      deadline: '2020-12-31',
      measures: '依法拆除保护区内违规建筑，完善界标和隔离防护设施',
      done: '拆除违规建筑17处，新建隔离防护网12.4公里，设置界标警示牌86块',
    },
    {
      description: '禁养区内仍有生猪养殖户未退出，部分规模养殖场粪污处理设施不配套',
      place: '桂阳县、嘉禾县',
      category: '农业面源污染',
      body: '市农业农村局',
      co: ['市生态环境局'],
      deadline: '2020-12-31',
      measures: '完成禁养区养殖户退出，规模养殖场粪污处理设施配套率达到95%以上',
      done: '禁养区内养殖户全部退出，规模养殖场粪污处理设施配套率达98%',
    },
    {
      description: '耒水、舂陵江部分河段非法采砂时有发生，采砂后河道修复不到位',
      place: '耒水、舂陵江',
      category: '河道管理',
      body: '市水利局',
      co: ['市自然资源局'],
      deadline: '2020-12-31',
      measures: '开展河道非法采砂专项整治，建立河砂统一开采经营机制，修复受损岸线',
      done: '查处非法采砂案件38起，修复河道岸线12公里，河砂实行统一开采经营',
    },
    {
      description: '部分县区环境空气自动监测站运维不规范、数据异常，县级环境监测能力不足',
      place: '安仁县、桂东县',
      category: '环境监测',
      body: '市生态环境局',
      deadline: '2021-06-30',
      measures: '规范自动监测站运维管理，配齐县级监测站仪器设备和专业人员',
      done: '完成11个县级空气自动站标准化改造，县级监测站仪器设备配置全部达标',
    },
  ],
};

// ---- 2021: 优化营商环境专项工作报告 (28 个具体问题) ------------------------------------------

export const BUSINESS_2021: OpinionSpec = {
  project: 'business2021',
  session: '市五届人大常委会第三十三次会议',
  deliberatedOn: '2021-04-28',
  transmittedOn: '2021-05-10',
  reportDue: '2021-10-31',
  text:
    '市五届人大常委会第三十三次会议听取和审议了市人民政府关于优化营商环境工作情况的报告。' +
    '会议认为，近年来市人民政府深入贯彻《优化营商环境条例》和省委、省政府决策部署，持续深化"放管服"改革，推进"一件事一次办"，营商环境不断改善，市场主体活力持续增强。' +
    '同时，会议指出，我市营商环境与先进地区相比仍有差距：工程建设项目审批、不动产登记、水电气报装等环节多、时间长，涉企收费和中介服务不够规范，拖欠中小企业账款问题尚未根本解决，政务服务"一网通办"数据壁垒依然存在，中小微企业融资难融资贵问题较为突出，部分惠企政策落地"最后一公里"不畅。' +
    '会议建议：一要坚持问题导向，对照调研发现的28个具体问题逐项建立整改台账，明确责任单位、责任人和整改时限，做到见事见物、落细落小；二要深化审批制度改革，全面推行工程建设项目审批"一网通办"和联合审验，压缩审批时限；三要规范涉企收费，开展拖欠中小企业账款专项清理，做到应清尽清；四要加强政务诚信建设，兑现招商引资合法承诺；五要完善融资支持政策，发挥政府性融资担保和应急转贷资金作用。' +
    '市人民政府要在2021年10月31日前将审议意见及问题清单研究处理情况书面报告市人大常委会，届时常委会将开展满意度测评。',
  findings: [
    { description: '工程建设项目审批时限长、环节多，施工图审查和竣工验收存在"体外循环"', place: '市政务服务中心', category: '审批服务', body: '市住建局', on: '2021-03-16' },
    { description: '企业间存量非住宅转移登记需在多个窗口排队、重复提交材料', place: '市不动产登记中心', category: '不动产登记', body: '市自然资源局', on: '2021-03-17' },
    { description: '座谈中多家民营企业反映机关事业单位、国有企业拖欠账款', place: '郴州高新区企业座谈会', category: '清欠', body: '市财政局', on: '2021-03-24' },
    { description: '"一网通办"平台与部门自建系统数据不共享，企业重复录入', place: '市政务服务中心', category: '政务服务', body: '市政府', on: '2021-03-25' },
  ],
  problems: [
    {
      description: '社会投资一般工业项目从立项到竣工验收审批时限仍超过80个工作日，施工图审查、联合验收等环节存在"体外循环"，企业反映"审批慢、跑多次"',
      place: '市政务服务中心工程建设项目审批专区',
      category: '审批服务',
      body: '市住建局',
      co: ['市自然资源局', '市发改委'],
      deadline: '2021-09-30',
      measures: '全面推行工程建设项目审批"一网通办"，实行施工图联合审查、"多测合一"和联合验收，将社会投资一般工业项目审批时限压缩至35个工作日以内',
      done: '工程建设项目审批管理系统与省平台全面对接，联合审图、联合验收全面运行，社会投资一般工业项目审批时限压缩至32个工作日',
      finding: 0,
    },
    {
      description: '企业间存量非住宅转移登记需在不动产登记、交易、缴税窗口分别排队、重复提交材料，"一窗受理、集成服务"未全面落实',
      place: '市不动产登记中心',
      category: '不动产登记',
      body: '市自然资源局',
      co: ['市住建局'],
      deadline: '2021-08-31',
      measures: '整合不动产登记、交易和缴税窗口，推行"一窗受理、并行办理"，企业间转移登记压缩至3个工作日内办结',
      done: '设立综合受理窗口，登记、交易、缴税"一窗受理、一次办结"，企业间转移登记平均1.5个工作日办结',
      finding: 1,
    },
    {
      description: '部分安置房和商品房小区因开发企业欠缴土地出让金、规划条件变更等历史遗留问题，约4200户群众长期"办证难"',
      place: '北湖区、苏仙区部分安置小区',
      category: '不动产登记',
      body: '市自然资源局',
      co: ['市住建局'],
      deadline: '2021-10-31',
      measures: '逐个小区建立问题台账，按"一楼一策"分类化解，依法追缴欠缴税费，先行为符合条件的群众办理不动产权证',
      done: '分类化解37个小区历史遗留问题，为3960户群众办理不动产权证，剩余240户因开发企业破产进入司法程序，已落实专人跟踪',
      story: 'extended-then-closed',
    },
    {
      description: '中心城区用水报装需另行办理占道挖掘、绿化迁移等审批，外线工程平均耗时25个工作日',
      place: '中心城区',
      category: '水电气报装',
      body: '市住建局',
      deadline: '2021-09-30',
      measures: '推行用水报装"零上门、零审批、零投资"，外线工程涉及的占道挖掘、绿化迁移实行并联审批和告知承诺',
      done: '用水报装环节压减至2个、时间压减至5个工作日，外线工程行政审批全部实行告知承诺',
    },
    {
      description: '临武县、汝城县小微企业低压接电平均用时超过10个工作日，"三零"（零上门、零审批、零投资）服务未全面落实',
      place: '临武县、汝城县',
      category: '水电气报装',
      body: '市发改委',
      deadline: '2021-08-31',
      measures: '督促供电企业落实低压小微企业"三零"服务，160千瓦及以下小微企业全部实行低压接入，接电时间压减至5个工作日以内',
      done: '全市160千瓦及以下小微企业全部实行低压"三零"接入，临武、汝城平均接电时间降至3.8个工作日',
    },
    {
      description: '部分燃气企业报装时收取"开户费""初装费""预付气费"，收费项目和标准未公示',
      place: '中心城区及桂阳县',
      category: '涉企收费',
      body: '市市场监管局',
      co: ['市发改委', '市住建局'],
      deadline: '2021-09-30',
      measures: '开展燃气行业收费专项检查，清理规范城镇燃气工程安装收费，督促企业公示收费项目和标准，违规收费一律退还',
      done: '检查燃气企业9家，取消不合理收费项目4项，退还企业和群众违规收费86.3万元，收费目录全部公示',
    },
    {
      description: '部分行业协会商会强制企业入会，违规收取会费和评比达标表彰费用',
      place: '市本级',
      category: '涉企收费',
      body: '市市场监管局',
      co: ['市发改委'],
      deadline: '2021-10-31',
      measures: '开展行业协会商会涉企收费专项清理，公示收费目录清单，严禁强制入会和摊派',
      done: '清理行业协会商会112家，清退违规收费53.6万元，收费目录清单全部向社会公开',
    },
    {
      description: '环评、安评、能评等中介服务收费高、时限长，部分中介机构与主管部门存在利益关联，"红顶中介"问题依然存在',
      place: '郴州高新区、郴州经开区',
      category: '中介服务',
      body: '市发改委',
      co: ['市生态环境局', '市应急局'],
      deadline: '2021-11-30',
      measures: '清理规范行政审批中介服务事项，建设网上中介服务超市，推动中介机构与主管部门彻底脱钩',
      done: '取消中介服务事项11项，网上中介服务超市入驻机构326家，中介服务平均收费下降18%',
    },
    {
      description: '部分机关事业单位和国有企业拖欠民营企业、中小企业账款未按期清偿，涉及工程款、物资采购款等1.87亿元',
      place: '市本级及各县市区',
      category: '清理拖欠账款',
      body: '市财政局',
      co: ['市发改委'],
      deadline: '2021-12-31',
      measures: '建立拖欠账款清偿台账，按照"应清尽清"要求制定清偿计划，清偿情况纳入年度绩效考核',
      done: '台账内拖欠民营企业、中小企业账款1.87亿元全部清偿，建立防范新增拖欠长效机制',
      finding: 2,
      story: 'sent-back-then-closed',
    },
    {
      description: '部分政府投资项目未落实资金来源即开工，拖欠工程款，引发农民工工资纠纷',
      place: '桂阳县、永兴县政府投资项目',
      category: '清理拖欠账款',
      body: '市住建局',
      co: ['市人社局', '市财政局'],
      deadline: '2021-11-30',
      measures: '严禁政府投资项目无资金来源开工，全面落实农民工工资专用账户和工资保证金制度',
      done: '清偿政府投资项目拖欠工程款6400万元，涉及农民工工资1260万元全部支付到位',
    },
    {
      description: '政务服务"一网通办"平台与部分部门自建业务系统数据不共享，企业办事需在多个系统重复录入、重复提交材料',
      place: '市政务服务中心',
      category: '政务服务',
      body: '市政府',
      co: ['市发改委'],
      deadline: '2021-10-31',
      measures: '推进部门自建系统与"互联网+政务服务"一体化平台对接，建设电子证照库，实现数据共享、材料免提交',
      done: '完成23个部门自建系统对接，电子证照库归集证照132类，企业办事材料平均减少40%',
      finding: 3,
    },
    {
      description: '取水许可、水土保持方案审批等涉水事项审批时限长，园区项目需逐个编报水土保持方案',
      place: '市政务服务中心',
      category: '审批服务',
      body: '市水利局',
      deadline: '2021-10-31',
      measures: '推行园区水土保持、水资源论证区域评估，入园项目实行告知承诺制审批',
      done: '郴州高新区等5个园区完成区域评估，入园项目水土保持方案实行告知承诺制，审批时限压缩至5个工作日',
    },
    {
      description: '部分下放到乡镇的审批服务事项"放不下、接不住"，群众仍需到县城办理',
      place: '资兴市、永兴县乡镇（街道）便民服务中心',
      category: '政务服务',
      body: '市政府',
      deadline: '2021-09-30',
      measures: '梳理下放事项清单，加强乡镇窗口人员业务培训，实现高频事项就近可办',
      done: '梳理下放乡镇事项86项，培训窗口人员420人次，高频事项乡镇可办率达95%',
    },
    {
      description: '政府性融资担保机构资本金规模小、放大倍数低，担保费率偏高，小微企业"首贷难"',
      place: '市融资担保公司',
      category: '融资难融资贵',
      body: '市财政局',
      co: ['市发改委'],
      deadline: '2021-12-31',
      measures: '增资市级政府性融资担保机构，落实担保费补贴政策，将小微企业担保费率降至1%以下',
      done: '市融资担保公司增资2亿元，小微企业平均担保费率降至0.8%，新增担保业务12.6亿元',
    },
    {
      description: '"信易贷"、银税互动平台入驻金融机构少、授信转化率低，企业"申请多、放款少"',
      place: '"信易贷"平台郴州站',
      category: '融资难融资贵',
      body: '市发改委',
      co: ['市财政局'],
      deadline: '2021-11-30',
      measures: '推动全市银行机构全部入驻"信易贷"平台，归集涉企信用信息，建立信贷风险补偿机制',
      done: '全市28家银行机构全部入驻平台，累计放款23.5亿元，设立风险补偿资金3000万元',
    },
    {
      description: '政府性应急转贷资金规模仅5000万元，使用需提供担保、审批环节多，难以满足企业续贷需求',
      place: '市本级',
      category: '融资难融资贵',
      body: '市财政局',
      deadline: '2021-10-31',
      measures: '扩大应急转贷资金规模，简化审批流程，实现"随借随还"',
      done: '应急转贷资金规模扩大至2亿元，审批压缩至2个工作日，累计转贷186笔、41亿元',
    },
    {
      description: '惠企政策分散在多个部门，申报材料繁杂、兑现周期长，部分企业"不知道、不会报、拿不到"',
      place: '市本级',
      category: '惠企政策落实',
      body: '市发改委',
      co: ['市财政局'],
      deadline: '2021-12-31',
      measures: '建设惠企政策"一站式"兑现平台，推行"免申即享""即申即享"',
      done: '上线惠企政策兑现平台，汇集政策412条，37项政策实现免申即享，兑现资金3.2亿元',
    },
    {
      description: '企业开办涉及营业执照、公章刻制、银行开户、社保登记等环节仍需分头办理，未实现1个工作日办结',
      place: '市政务服务中心',
      category: '企业开办',
      body: '市市场监管局',
      co: ['市人社局'],
      deadline: '2021-08-31',
      measures: '推行企业开办"一网通办、一窗通取"，新办企业免费刻制公章，企业开办时间压缩至1个工作日以内',
      done: '企业开办实现"一表填报、一窗领取"，平均0.5个工作日办结，免费刻章惠及新办企业6800余户',
    },
    {
      description: '企业注销需往返市场监管、税务、社保等部门，简易注销适用范围窄，"退出难"问题突出',
      place: '各县市区',
      category: '企业注销',
      body: '市市场监管局',
      deadline: '2021-10-31',
      measures: '推行企业注销"一网服务"，扩大简易注销适用范围，公告时间由45天压缩至20天',
      done: '企业注销"一网服务"平台上线运行，简易注销公告期压缩至20天，办理简易注销2300余户',
    },
    {
      description: '对同一企业的行政检查多头重复，部分企业一年接受检查20余次，"双随机、一公开"监管覆盖不全',
      place: '郴州有色金属产业园区',
      category: '涉企检查',
      body: '市市场监管局',
      co: ['市生态环境局', '市应急局'],
      deadline: '2021-11-30',
      measures: '推行跨部门联合"双随机、一公开"监管，建立涉企检查备案和"综合查一次"制度',
      done: '建立跨部门联合抽查事项清单38项，涉企检查次数同比下降46%',
    },
    {
      description: '园区规划环评与项目环评联动不够，入园项目环评审批仍需30个工作日以上',
      place: '郴州高新区、郴州经开区',
      category: '审批服务',
      body: '市生态环境局',
      deadline: '2021-09-30',
      measures: '推行规划环评与项目环评联动，对符合规划环评的入园项目简化环评内容、实行告知承诺',
      done: '5个省级以上园区完成规划环评，入园项目环评审批时限压缩至10个工作日',
    },
    {
      description: '工业项目"标准地"出让推进缓慢，企业拿地后仍需办理多项评估、审批才能开工',
      place: '桂阳县、宜章县工业园区',
      category: '用地保障',
      body: '市自然资源局',
      co: ['市发改委'],
      deadline: '2021-12-31',
      measures: '推行新增工业用地"标准地"出让，区域评估成果共享，实现"拿地即开工"',
      done: '新增工业用地"标准地"出让占比达62%，12个项目实现"拿地即开工"',
    },
    {
      description: '部分招标项目设置与业绩、注册资本、所有制形式挂钩的不合理条件，排斥外地和民营企业',
      place: '市公共资源交易中心',
      category: '招标投标',
      body: '市发改委',
      co: ['市住建局', '市交通运输局'],
      deadline: '2021-10-31',
      measures: '开展招投标领域突出问题专项整治，推行全流程电子招投标和远程异地评标',
      done: '整改招标文件不合理条款27项，全流程电子化招投标覆盖率100%',
    },
    {
      description: '政府采购项目为中小企业预留份额、预付款制度落实不到位，合同资金支付慢',
      place: '市本级',
      category: '政府采购',
      body: '市财政局',
      deadline: '2021-09-30',
      measures: '落实政府采购支持中小企业政策，预留采购份额不低于30%，在合同中约定预付款比例',
      done: '政府采购授予中小企业合同金额占比达78%，全面推行政府采购合同融资',
    },
    {
      description: '园区道路存在"断头路"，货车通行不畅，企业物流成本偏高',
      place: '郴州高新区、苏仙区白露塘镇',
      category: '物流成本',
      body: '市交通运输局',
      co: ['市住建局'],
      deadline: '2021-12-31',
      measures: '打通园区断头路5条，优化货车通行线路，开通园区货运专线',
      done: '打通园区断头路5条共8.6公里，开通园区至郴州港货运专线',
    },
    {
      description: '园区企业技能人才缺口较大，招工难、用工成本高，职业院校专业设置与产业需求脱节',
      place: '郴州高新区、资兴经开区',
      category: '用工保障',
      body: '市人社局',
      co: ['市教育局'],
      deadline: '2021-11-30',
      measures: '开展校企合作订单式培养，组织园区专场招聘，落实以工代训补贴',
      done: '组织专场招聘会46场，校企订单培养2100人，落实以工代训补贴1850万元',
    },
    {
      description: '部分地方招商引资承诺的奖补资金、配套设施未兑现，存在"新官不理旧账"现象',
      place: '嘉禾县、安仁县',
      category: '政务诚信',
      body: '市政府',
      co: ['市财政局'],
      deadline: '2021-12-31',
      measures: '全面清理招商引资承诺事项，建立政府失信责任追究制度，限期兑现合法合规承诺',
      done: '清理招商引资承诺事项154项，兑现奖补资金5600万元，建立政务诚信监测评价机制',
    },
    {
      description: '企业诉求办理存在"回复了事"现象，部分投诉转办后无人跟踪，企业满意率不高',
      place: '市12345政务服务便民热线',
      category: '政务服务',
      body: '市政府',
      co: ['市市场监管局'],
      deadline: '2021-10-31',
      measures: '建立企业诉求"接诉即办"闭环机制，实行办理结果回访和满意度考核',
      done: '设立涉企诉求专席，办结率100%，企业满意率由82%提高到96%',
    },
  ],
};

// ---- 2022: the year's projects under way (deadlines counted from today) ------------------------

const SESSION_3 = { session: '市六届人大常委会第三次会议', deliberatedOn: '2022-04-27', transmittedOn: '2022-05-11' };
const SESSION_4 = { session: '市六届人大常委会第四次会议', deliberatedOn: '2022-06-28', transmittedOn: '2022-07-12' };
const SESSION_5 = { session: '市六届人大常委会第五次会议', deliberatedOn: '2022-08-30', transmittedOn: '2022-09-14' };
const SESSION_6 = { session: '市六届人大常委会第六次会议', deliberatedOn: '2022-10-27', transmittedOn: '2022-11-10' };

/** In order of deliberation: a project's number in its year is given at its first opinion. */
export const LIVE_2022: OpinionSpec[] = [
  {
    project: 'doubleReduction',
    ...SESSION_3,
    reportDue: 'live',
    text:
      '市六届人大常委会第三次会议听取和审议了市人民政府关于义务教育阶段减轻学生作业负担和校外培训负担工作情况的报告。会议认为，市人民政府把"双减"作为重大民生工程，学科类校外培训机构压减成效明显，课后服务实现义务教育学校全覆盖。' +
      '会议指出，隐形变异培训查处难、课后服务保障不足、作业设计质量不高、校外培训预收费监管不到位等问题仍然存在。会议要求，对交办的问题逐项整改，健全校内减负提质、校外规范治理长效机制，切实减轻学生过重作业负担和家庭教育支出。',
    problems: [
      {
        description: '以"一对一"家教、"众筹私教"、托管班等名义开展隐形变异学科类培训，发现难、取证难、查处难',
        place: '北湖区、苏仙区',
        category: '校外培训治理',
        body: '市教育局',
        co: ['市市场监管局'],
        measures: '建立"双减"联合执法机制，开通举报平台，开展常态化巡查和寒暑假专项整治',
        plan: 'rect-red',
      },
      {
        description: '课后服务教师工作时间长、补助经费保障不足，部分农村学校课后服务内容单一',
        place: '各县市区义务教育学校',
        category: '课后服务',
        body: '市教育局',
        co: ['市财政局'],
        measures: '落实课后服务经费保障机制，引进社会优质资源进校园，实行教师弹性上下班',
        plan: 'extended-red',
      },
      {
        description: '部分学校作业设计质量不高，分层作业、弹性作业落实不够，作业总量和时长公示流于形式',
        place: '中心城区部分初中',
        category: '作业管理',
        body: '市教育局',
        measures: '开展作业设计专项教研，建立作业校内公示和校长审核制度',
        done: '组织作业设计专项教研活动126场，全市义务教育学校全部建立作业公示和审核制度',
        plan: 'close-requested',
      },
      {
        description: '校外培训机构预收费资金未全部纳入监管，存在"退费难"隐患',
        place: '中心城区',
        category: '预收费监管',
        body: '市市场监管局',
        co: ['市教育局'],
        measures: '校外培训预收费全部纳入银行托管，建立风险保证金制度',
        done: '全市非学科类培训机构预收费全部纳入银行托管专户，办结退费投诉87件',
        plan: 'closed',
      },
    ],
  },
  {
    project: 'debt',
    ...SESSION_4,
    reportDue: 'live',
    text:
      '市六届人大常委会第四次会议听取和审议了市人民政府关于政府债务管理情况的报告。会议认为，市人民政府坚持"开前门、堵后门"，政府债务风险总体可控。' +
      '会议指出，部分县市区债务率偏高、隐性债务化解进度滞后，专项债券资金使用效益不高，融资平台公司转型缓慢，债务信息公开不够规范。会议要求，坚决遏制新增隐性债务，加快专项债券项目建设和资金支出，推动融资平台公司市场化转型，自觉接受人大监督，牢牢守住不发生系统性风险的底线。',
    problems: [
      {
        description: '部分县市区政府债务率超过警戒线，隐性债务化解进度滞后于年度化债计划',
        place: '北湖区、宜章县、汝城县',
        category: '债务风险',
        body: '市财政局',
        co: ['市发改委'],
        measures: '逐县制定化债方案，统筹预算资金、盘活存量资产化解隐性债务，严禁新增隐性债务',
        plan: 'rect-red',
      },
      {
        description: '专项债券项目前期准备不足，部分债券资金到位后闲置半年以上，支出进度慢',
        place: '市本级及桂阳县',
        category: '专项债券',
        body: '市发改委',
        co: ['市财政局'],
        measures: '建立专项债券项目储备库和"资金跟着项目走"机制，对支出进度慢的项目依法调整用途',
        plan: 'rect-yellow',
      },
      {
        description: '融资平台公司市场化转型慢，经营性收入占比低，依赖"借新还旧"',
        place: '市属融资平台公司',
        category: '平台转型',
        body: '市财政局',
        measures: '制定融资平台公司分类转型方案，注入经营性资产，压降债务规模',
        plan: 'extended-yellow',
      },
      {
        description: '政府债务信息公开不及时、不完整，部分县市区未按规定公开债务限额和余额',
        place: '各县市区',
        category: '信息公开',
        body: '市财政局',
        measures: '统一政府债务信息公开目录，按季度在门户网站公开',
        done: '市本级和11个县市区全部在门户网站公开政府债务限额、余额和使用安排',
        plan: 'closed',
      },
    ],
  },
  {
    project: 'employment',
    ...SESSION_4,
    reportDue: 'live',
    text:
      '市六届人大常委会第四次会议听取和审议了市人民政府关于稳就业保就业工作情况的报告。会议认为，市人民政府落实就业优先政策，城镇新增就业和失业人员再就业目标任务有序推进。' +
      '会议指出，惠企稳岗政策兑现不够及时，高校毕业生留郴就业比例不高，园区企业结构性缺工与农村劳动力转移就业衔接不畅，农民工工资保障仍有薄弱环节。会议要求，加大稳岗政策落实力度，拓宽重点群体就业渠道，健全根治欠薪长效机制。',
    problems: [
      {
        description: '稳岗返还、一次性吸纳就业补贴等政策知晓率低，部分企业申报后兑现周期超过3个月',
        place: '市本级',
        category: '政策兑现',
        body: '市人社局',
        co: ['市财政局'],
        measures: '推行稳岗政策"免申即享"，将兑现周期压缩至30日以内',
        done: '稳岗返还实现"免申即享"，兑现周期压缩至20日',
        plan: 'sent-back',
      },
      {
        description: '高校毕业生留郴就业比例偏低，就业见习岗位数量少、质量不高',
        place: '湘南学院、郴州职业技术学院',
        category: '高校毕业生就业',
        body: '市人社局',
        co: ['市发改委'],
        measures: '开发一批优质见习岗位，落实人才公寓、租房补贴等引才留才政策',
        plan: 'rect-green',
      },
      {
        description: '园区企业结构性缺工与农村劳动力转移就业对接不畅，用工供需信息不对称',
        place: '郴州高新区、资兴经开区',
        category: '用工对接',
        body: '市人社局',
        measures: '建设零工市场和用工信息平台，常态化开展"送岗下乡"',
        plan: 'assigned-yellow',
      },
      {
        description: '部分在建工程项目农民工工资保证金未足额存储，实名制管理落实不到位',
        place: '永兴县、桂阳县在建工程项目',
        category: '根治欠薪',
        body: '市人社局',
        co: ['市住建局'],
        measures: '全面排查在建项目工资保证金和实名制落实情况，对违规企业依法惩戒',
        done: '在建项目工资保证金足额存储，实名制管理覆盖率100%',
        plan: 'reopened',
        relapse: '抽查发现永兴县2个在建项目工资保证金未足额存储，1个项目实名制考勤流于形式',
      },
    ],
  },
  {
    project: 'foodSafety',
    ...SESSION_4,
    reportDue: '2022-12-31',
    text:
      '市六届人大常委会第四次会议听取和审议了市人大常委会执法检查组关于检查《中华人民共和国食品安全法》实施情况的报告。会议指出，校园周边"三小"食品经营者监管薄弱，食用农产品农药残留检测覆盖面不足，网络订餐监管存在短板。' +
      '会议要求，落实"四个最严"要求，压实食品安全属地管理责任和企业主体责任，切实保障人民群众"舌尖上的安全"。',
    problems: [
      {
        description: '校园周边"三小"食品经营者（小作坊、小摊贩、小餐饮）无证经营、卫生条件差',
        place: '中心城区中小学校周边',
        category: '校园食品安全',
        body: '市市场监管局',
        co: ['市教育局'],
        measures: '开展校园周边食品安全专项整治，推行"三小"登记管理',
        done: '整治校园周边"三小"经营户412户，取缔无证经营63户',
        plan: 'closed',
      },
      {
        description: '食用农产品农药残留快速检测覆盖面不足，部分乡镇农贸市场检测室运行不正常',
        place: '各县市区乡镇农贸市场',
        category: '农产品质量安全',
        body: '市农业农村局',
        co: ['市市场监管局'],
        measures: '乡镇农贸市场快检室全覆盖，落实抽检结果公示',
        done: '建成规范化快检室126个，乡镇农贸市场快检全覆盖',
        plan: 'closed',
      },
      {
        description: '网络订餐平台入网商户资质审核不严，存在无实体门店的"幽灵厨房"',
        place: '中心城区',
        category: '网络餐饮',
        body: '市市场监管局',
        measures: '督促平台落实入网审核责任，开展网络餐饮专项检查',
        done: '下线无证入网商户287家，平台入网商户资质审核率100%',
        plan: 'close-requested',
      },
    ],
  },
  {
    project: 'medicalInsurance',
    ...SESSION_4,
    reportDue: '2022-12-31',
    text:
      '市六届人大常委会第四次会议听取和审议了市人民政府关于医疗保障工作情况的报告。会议指出，定点医药机构欺诈骗保问题时有发生，基层医疗机构医保目录内药品配备不全。' +
      '会议要求，加强医保基金监管，守好群众的"看病钱""救命钱"，提升基层医疗服务能力。',
    problems: [
      {
        description: '部分定点医疗机构存在挂床住院、过度诊疗、串换项目等违规使用医保基金行为',
        place: '桂阳县、安仁县部分民营医院',
        category: '医保基金监管',
        body: '市卫健委',
        co: ['市市场监管局'],
        measures: '开展医保基金专项检查，追回违规资金，依法查处欺诈骗保行为',
        done: '检查定点医药机构612家，追回医保基金2860万元，移送司法机关案件5起',
        plan: 'closed',
      },
      {
        description: '基层医疗机构医保目录内常用药品配备不全，慢病患者"开药难"',
        place: '各县市区乡镇卫生院',
        category: '基层医疗',
        body: '市卫健委',
        measures: '完善基层医疗机构用药目录，建立上下级医疗机构用药衔接机制',
        done: '乡镇卫生院常用药品配备品种由150种增至260种',
        plan: 'close-requested-late',
      },
    ],
  },
  {
    project: 'oldEstates',
    ...SESSION_4,
    reportDue: '2022-12-31',
    text:
      '市六届人大常委会第四次会议听取和审议了市人民政府关于城区老旧小区改造工作情况的报告。会议指出，部分小区改造后长效管理缺位，加装电梯推进难，雨污分流改造不彻底。' +
      '会议要求，坚持"先民生后提升"，建立改造后长效管理机制，把好事办实、把实事办好。',
    problems: [
      {
        description: '部分小区改造后无物业管理，设施损坏无人维修，"改后失管"',
        place: '北湖区、苏仙区已改造小区',
        category: '长效管理',
        body: '市住建局',
        measures: '推行"红色物业"和专业化物业托管，建立改造后维护资金',
        done: '已改造小区物业管理覆盖率提高到91%',
        plan: 'closed',
      },
      {
        description: '老旧小区加装电梯协调难、审批程序繁琐',
        place: '中心城区',
        category: '加装电梯',
        body: '市住建局',
        co: ['市自然资源局', '市市场监管局'],
        measures: '简化加装电梯审批，实行"一窗受理、并联审批"',
        done: '出台加装电梯实施办法，审批时限压缩至10个工作日，已加装电梯126台',
        plan: 'closed-early',
      },
      {
        description: '部分小区雨污分流改造不彻底，雨季管网溢流',
        place: '北湖区燕泉街道等',
        category: '雨污分流',
        body: '市住建局',
        co: ['市生态环境局'],
        measures: '对雨污分流不彻底的小区补充改造，开展管网排查修复',
        done: '补充改造小区38个，修复混错接管网6.2公里',
        plan: 'close-requested',
      },
    ],
  },
  {
    project: 'relics',
    ...SESSION_4,
    reportDue: '2022-12-31',
    text:
      '市六届人大常委会第四次会议听取和审议了市人民政府关于文物保护工作情况的报告。会议指出，部分不可移动文物和红色遗址年久失修，建设工程压覆文物风险防控不到位。' +
      '会议要求，落实文物保护属地责任，推进文物保护利用和红色资源传承。',
    problems: [
      {
        description: '部分不可移动文物和红色遗址年久失修，存在坍塌隐患',
        place: '汝城县、宜章县',
        category: '文物修缮',
        body: '市政府',
        co: ['市住建局', '市自然资源局'],
        measures: '开展不可移动文物安全排查，分批实施抢救性修缮',
        done: '完成28处不可移动文物抢救性修缮',
        plan: 'closed',
      },
      {
        description: '部分建设项目用地前未开展考古调查勘探，存在压覆文物风险',
        place: '市本级',
        category: '考古前置',
        body: '市自然资源局',
        measures: '落实"先考古、后出让"制度',
        done: '出台"先考古、后出让"实施办法，已完成考古前置用地47宗',
        plan: 'closed-early',
      },
    ],
  },
  {
    project: 'fiveYearPlan',
    ...SESSION_5,
    reportDue: 'live',
    text:
      '市六届人大常委会第五次会议听取和审议了市人民政府关于"十四五"规划纲要实施中期评估情况的报告。会议认为，规划实施总体进展顺利，主要指标符合预期。' +
      '会议指出，重大项目储备和开工不足，研发投入强度等创新指标进度滞后，承接产业转移示范区建设质效有待提升。会议要求，紧盯规划目标任务，强化重大项目支撑，对滞后指标制定专项推进措施，确保规划目标如期实现。',
    problems: [
      {
        description: '"十四五"规划确定的42个重大项目中有9个尚未开工，项目储备不足、前期工作滞后',
        place: '市本级及各县市区',
        category: '重大项目',
        body: '市发改委',
        measures: '建立重大项目前期工作推进机制，每月调度未开工项目，滚动充实项目库',
        plan: 'rect-red-pending',
      },
      {
        description: '研发经费投入强度、每万人高价值发明专利拥有量等创新指标进度滞后于规划目标',
        place: '市本级',
        category: '规划指标',
        body: '市发改委',
        co: ['市财政局'],
        measures: '对滞后指标制定专项推进方案，落实企业研发费用奖补',
        plan: 'rect-stale',
      },
      {
        description: '湘南湘西承接产业转移示范区（郴州）承接项目质量不高，产业链配套不足',
        place: '郴州高新区、郴州经开区',
        category: '产业转移',
        body: '市发改委',
        measures: '聚焦有色金属、电子信息等产业链精准招商，完善上下游配套',
        plan: 'extended-yellow',
      },
      {
        description: '规划实施年度监测评估机制不健全，部分专项规划未按期编制',
        place: '市本级',
        category: '规划管理',
        body: '市发改委',
        measures: '建立规划实施年度监测评估制度，加快专项规划编制',
        done: '建立规划实施年度监测评估制度，8个滞后专项规划全部印发实施',
        plan: 'close-requested',
      },
    ],
  },
  {
    project: 'annualPlan',
    ...SESSION_5,
    reportDue: 'live',
    text:
      '市六届人大常委会第五次会议听取和审议了市人民政府关于2022年上半年国民经济和社会发展计划执行情况的报告。会议指出，固定资产投资特别是民间投资增速放缓，消费恢复不及预期，能耗"双控"压力较大。' +
      '会议要求，加力稳投资促消费，落实能耗"双控"措施，确保完成全年计划目标。',
    problems: [
      {
        description: '固定资产投资增速低于年度计划目标，民间投资占比连续下降',
        place: '市本级',
        category: '投资',
        body: '市发改委',
        measures: '落实支持民间投资政策，向民间资本推介项目，优化投资审批服务',
        plan: 'assigned-red',
      },
      {
        description: '社会消费品零售总额增速未达预期，县域商业体系建设滞后',
        place: '各县市区',
        category: '消费',
        body: '市发改委',
        co: ['市市场监管局'],
        measures: '开展促消费系列活动，完善县乡村三级商业网点',
        plan: 'added-green',
      },
      {
        description: '单位GDP能耗下降进度滞后，部分高耗能项目节能审查落实不到位',
        place: '永兴县、桂阳县',
        category: '能耗双控',
        body: '市发改委',
        co: ['市生态环境局'],
        measures: '开展高耗能项目节能监察，严格新上项目节能审查',
        done: '完成高耗能项目节能监察64家，单位GDP能耗下降进度符合序时要求',
        plan: 'closed',
      },
    ],
  },
  {
    project: 'riverChiefs',
    ...SESSION_5,
    reportDue: 'live',
    text:
      '市六届人大常委会第五次会议听取和审议了市人民政府关于河长制湖长制工作情况的报告。会议认为，全市河湖面貌持续改善。会议指出，部分基层河长履职不到位，入河排污口溯源整治滞后，河道"四乱"问题反弹。' +
      '会议要求，压实各级河长湖长责任，推动河湖长制从"有名"向"有实"转变。',
    problems: [
      {
        description: '部分村级河长巡河记录不实、问题发现上报少，巡河流于形式',
        place: '宜章县、临武县',
        category: '河长履职',
        body: '市水利局',
        measures: '推行河长巡河电子打卡，实行河长履职考核',
        plan: 'rect-green',
      },
      {
        description: '入河排污口溯源整治进度滞后，耒水、郴江部分排污口雨季溢流',
        place: '耒水、郴江河沿线',
        category: '入河排污口',
        body: '市生态环境局',
        co: ['市水利局'],
        measures: '完成入河排污口溯源，"一口一策"整治，建立排污口动态管理台账',
        plan: 'rect-yellow',
      },
      {
        description: '河道"清四乱"问题反弹，沿河违建、垃圾堆放时有发生',
        place: '耒水、郴江河沿岸',
        category: '河湖"四乱"',
        body: '市水利局',
        co: ['市自然资源局', '市住建局'],
        measures: '开展河湖"清四乱"常态化整治，建立问题动态清零机制',
        plan: 'extended-red',
      },
    ],
  },
  {
    project: 'publicInterest',
    ...SESSION_5,
    reportDue: 'live',
    text:
      '市六届人大常委会第五次会议听取和审议了市人民检察院关于公益诉讼检察工作情况的报告。会议指出，部分诉前检察建议回复后整改不到位，公益诉讼与生态环境损害赔偿衔接不畅。' +
      '会议要求，提升诉前检察建议刚性，健全协作配合机制，形成公益保护合力。',
    problems: [
      {
        description: '部分诉前检察建议回复后整改不到位，东江湖支流、饮用水水源地等领域问题反复',
        place: '资兴市、桂东县',
        category: '检察建议',
        body: '市检察院',
        co: ['市生态环境局'],
        measures: '建立诉前检察建议整改跟踪评估机制，对整改不到位的依法提起诉讼',
        plan: 'rect-green',
      },
      {
        description: '生态环境损害赔偿与检察公益诉讼衔接不畅，案件线索移送不及时',
        place: '市本级',
        category: '协作机制',
        body: '市生态环境局',
        co: ['市检察院'],
        measures: '建立生态环境损害赔偿与公益诉讼线索双向移送、信息共享机制',
        plan: 'rect-red',
      },
    ],
  },
  {
    project: 'ruralWater',
    ...SESSION_5,
    reportDue: 'live',
    text:
      '市六届人大常委会第五次会议听取和审议了市人民政府关于农村饮水安全工作情况的报告。会议指出，部分农村集中供水工程水质消毒设施运行不正常，"千吨万人"水源地保护存在隐患，"重建轻管"问题突出。' +
      '会议要求，健全农村供水工程长效运管机制，确保农村群众喝上放心水。',
    problems: [
      {
        description: '部分农村集中供水工程消毒设备未正常运行，末梢水微生物指标不稳定',
        place: '汝城县、桂东县',
        category: '水质保障',
        body: '市水利局',
        co: ['市卫健委'],
        measures: '配齐消毒设备，落实专人管护，加密末梢水检测',
        plan: 'rect-yellow',
      },
      {
        description: '"千吨万人"水源地保护区内有畜禽养殖、农家乐等污染隐患',
        place: '宜章县、安仁县',
        category: '水源保护',
        body: '市生态环境局',
        co: ['市水利局'],
        measures: '排查整治水源地保护区内污染源，完善隔离防护设施',
        done: '整治保护区内污染隐患23处，完善隔离防护设施4.6公里',
        plan: 'close-requested',
      },
      {
        description: '农村供水工程"重建轻管"，水费收缴率低，运维经费难以保障',
        place: '各县市区',
        category: '运行管护',
        body: '市水利局',
        measures: '推行农村供水县域统管，建立合理水价和维修养护基金',
        plan: 'rect-stale',
      },
    ],
  },
  {
    project: 'stateAssets',
    ...SESSION_6,
    reportDue: 'live',
    text:
      '市六届人大常委会第六次会议听取和审议了市人民政府关于2021年度国有资产管理情况的综合报告。会议指出，部分行政事业性国有资产闲置，部分市属国有企业资产负债率偏高。' +
      '会议要求，盘活闲置资产，加强国有企业债务风险管控，提高国有资产使用效益。',
    problems: [
      {
        description: '部分行政事业单位办公用房、周转房长期闲置，资产使用效益不高',
        place: '市直部门',
        category: '资产盘活',
        body: '市财政局',
        measures: '全面清查闲置资产，统一调剂、出租或处置',
        plan: 'rect-green',
      },
      {
        description: '部分市属国有企业资产负债率偏高，盈利能力弱',
        place: '市属国有企业',
        category: '国企债务',
        body: '市政府',
        co: ['市财政局'],
        measures: '制定高负债企业降杠杆方案，压减低效无效资产',
        plan: 'assigned-red',
      },
    ],
  },
  {
    project: 'elderlyCare',
    ...SESSION_6,
    reportDue: 'live',
    text:
      '市六届人大常委会第六次会议听取和审议了市人民政府关于养老服务体系建设情况的报告。会议指出，部分社区居家养老服务设施建成后闲置，医养结合服务供给不足。' +
      '会议要求，完善居家社区机构相协调、医养康养相结合的养老服务体系。',
    problems: [
      {
        description: '部分社区居家养老服务中心建成后闲置或挪作他用',
        place: '北湖区、苏仙区部分社区',
        category: '养老设施',
        body: '市政府',
        co: ['市住建局'],
        measures: '对闲置养老服务设施逐一整改，引入专业机构运营',
        plan: 'rect-stale',
      },
      {
        description: '医养结合服务供给不足，乡镇卫生院与敬老院签约服务流于形式',
        place: '各县市区',
        category: '医养结合',
        body: '市卫健委',
        measures: '推进乡镇卫生院与敬老院"两院一体"，落实签约服务',
        plan: 'added-green',
      },
    ],
  },
  {
    project: 'roadSafety',
    ...SESSION_6,
    reportDue: 'live',
    text:
      '市六届人大常委会第六次会议听取和审议了市人民政府关于道路交通安全管理工作情况的报告。会议指出，农村公路安全防护设施不足，中心城区学校、医院周边交通拥堵。' +
      '会议要求，深入开展道路交通安全隐患排查整治，提升城市交通治理水平。',
    problems: [
      {
        description: '农村公路临水临崖路段安全防护设施不足',
        place: '桂东县、汝城县农村公路',
        category: '农村公路安全',
        body: '市交通运输局',
        measures: '实施农村公路安全生命防护工程',
        plan: 'extended-red',
      },
      {
        description: '中心城区学校、医院周边上下学、就诊高峰时段交通拥堵',
        place: '中心城区',
        category: '城市交通',
        body: '市交通运输局',
        co: ['市住建局'],
        measures: '优化周边交通组织，增设临时停车泊位和接送区',
        plan: 'rect-green',
      },
    ],
  },
  {
    project: 'fitness',
    ...SESSION_6,
    reportDue: 'live',
    text:
      '市六届人大常委会第六次会议听取和审议了市人民政府关于《全民健身条例》实施情况的报告。会议指出，公共体育设施不足，学校体育场地向社会开放率低。会议要求，补齐全民健身设施短板，推动学校体育场地有序开放。',
    problems: [
      {
        description: '公共体育设施不足，具备条件的学校体育场地向社会开放率低',
        place: '中心城区',
        category: '体育设施',
        body: '市教育局',
        co: ['市住建局'],
        measures: '推动具备条件的学校体育场地错时开放，新建一批社区健身场地',
        plan: 'assigned-yellow',
      },
    ],
  },
  {
    project: 'ruleOfLaw',
    session: SESSION_6.session,
    deliberatedOn: SESSION_6.deliberatedOn,
    transmittedOn: null,
    reportDue: null,
    text:
      '市六届人大常委会第六次会议听取和审议了市人民政府关于法治政府建设情况的报告。会议指出，行政规范性文件合法性审核不够严格，重大行政决策程序落实不到位，行政执法"三项制度"执行不规范。' +
      '会议要求，加快建设职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、人民满意的法治政府。',
    problems: [
      {
        description: '部分行政规范性文件未经合法性审核即印发',
        place: '市直部门',
        category: '规范性文件',
        body: '市政府',
        measures: '',
        plan: 'draft',
      },
      {
        description: '重大行政决策公众参与、专家论证、风险评估程序落实不到位',
        place: '市本级',
        category: '重大行政决策',
        body: '市发改委',
        measures: '',
        plan: 'draft',
      },
      {
        description: '行政执法公示、执法全过程记录、重大执法决定法制审核"三项制度"执行不规范',
        place: '市直执法部门',
        category: '行政执法',
        body: '市市场监管局',
        co: ['市生态环境局'],
        measures: '',
        plan: 'draft',
      },
    ],
  },
];
