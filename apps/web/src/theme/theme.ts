import type { ThemeConfig } from 'antd';

/**
 * The platform's look: the people's congress red as the primary colour, restrained neutrals,
 * CJK system fonts, compact radii. Keep colours here (and in global.css for the frame) so pages
 * carry no colour literals of their own.
 */
export const BRAND_RED = '#a8201a';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_RED,
    colorInfo: '#1f5fa8',
    colorSuccess: '#2e7d32',
    colorWarning: '#8a5a00',
    colorError: '#c62828',
    colorLink: '#1f5fa8',
    colorBgLayout: '#f4f5f7',
    // Secondary text, descriptions, placeholders and breadcrumb links at WCAG AA contrast
    // (4.5:1 or more on white and on the page's grey), checked by axe-core in the browser tests;
    // Ant Design's defaults (about 3:1) are too faint for the office's screens.
    colorTextSecondary: '#595959',
    colorTextDescription: '#5c6370',
    colorTextTertiary: '#5c6370',
    colorTextPlaceholder: '#666666',
    // Light backgrounds of status tags and alerts: derived from the dark brand-safe status colours
    // above, Ant Design's algorithm gives murky greys (the success tag's text fell to 4:1).
    colorSuccessBg: '#edf7ed',
    colorSuccessBorder: '#a5d6a7',
    colorWarningBg: '#fff8e1',
    colorWarningBorder: '#ffe08a',
    colorErrorBg: '#fdecea',
    colorErrorBorder: '#f5b5b0',
    colorInfoBg: '#e8f0f8',
    colorInfoBorder: '#b3cde8',
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', sans-serif",
  },
  components: {
    Layout: { headerBg: BRAND_RED, headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff', triggerBg: '#ffffff', triggerColor: '#5c6370' },
    Menu: { itemSelectedBg: '#fbeceb', itemSelectedColor: BRAND_RED, itemHeight: 44 },
    Table: { headerBg: '#f7f8fa' },
  },
};

/** Series colours for charts: stages from reserve to closed, legible on white. */
export const CHART_COLORS = ['#8c96a3', '#3c8dbc', '#1f5fa8', BRAND_RED, '#7b4fa0', '#b7791f', '#2e7d32', '#c0c4cc'];

/** The battle map: health of a project, state of a task or milestone, today's line. */
export const GANTT_COLORS = {
  green: '#2e7d32',
  yellow: '#d48806',
  red: '#c62828',
  done: '#2e7d32',
  late: '#c62828',
  open: '#1f5fa8',
  today: BRAND_RED,
  outline: '#1f1f1f',
} as const;
