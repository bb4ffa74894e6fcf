import { BarChart, CustomChart, LineChart, PieChart, ScatterChart, type BarSeriesOption, type CustomSeriesOption, type LineSeriesOption, type PieSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  DataZoomComponent,
  DatasetComponent,
  GridComponent,
  MarkLineComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  type DataZoomComponentOption,
  type DatasetComponentOption,
  type MarkLineComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the pages draw is bundled (ECharts' tree-shakeable API): add a chart or component
// here, and its option type to ChartOption, when a page needs it (CustomChart draws the battle
// map's Gantt bars). This module is imported only by lazily loaded pages, so ECharts never
// weighs on the first load.
echarts.use([
  BarChart,
  CustomChart,
  LineChart,
  PieChart,
  ScatterChart,
  AriaComponent,
  DataZoomComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | CustomSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | ScatterSeriesOption
  | DataZoomComponentOption
  | DatasetComponentOption
  | MarkLineComponentOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

export { echarts };
