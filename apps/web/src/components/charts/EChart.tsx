import { useEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts';

export interface EChartProps {
  option: ChartOption;
  /** What the chart shows, for screen readers; ECharts adds a description of the data inside. */
  ariaLabel: string;
  height?: number | string;
  className?: string;
}

/**
 * A plain ECharts chart: created once, resized with its box, updated when `option` changes
 * (memoise it), disposed on unmount. Colours and fonts come from the option; keep them in
 * theme/chart-theme.ts.
 */
export function EChart({ option, ariaLabel, height = 320, className }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...option }, { notMerge: true });
  }, [option]);

  return (
    <figure className={className} aria-label={ariaLabel} style={{ margin: 0 }}>
      <div ref={container} style={{ width: '100%', height }} />
    </figure>
  );
}
