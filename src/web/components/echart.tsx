import ReactEChartsCoreModule from 'echarts-for-react/lib/core.js';
import {
  BarChart,
  CustomChart,
  FunnelChart,
  GaugeChart,
  LineChart,
  PieChart,
  SankeyChart,
  ScatterChart,
} from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { interopDefault } from '../interop.js';

const ReactEChartsCore = interopDefault(ReactEChartsCoreModule);

// Only the chart types we draw, so the bundle stays small.
echarts.use([
  BarChart,
  FunnelChart,
  CustomChart,
  GaugeChart,
  LineChart,
  PieChart,
  SankeyChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

export const EChart = ({ option, height = 320 }: { option: EChartsCoreOption; height?: number }) => (
  <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate />
);
