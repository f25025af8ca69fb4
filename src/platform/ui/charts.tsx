// Charts drawn on the server as SVG by ECharts (its server-side rendering: no script in the
// browser). Each chart is a picture of the table printed beside it, so it is hidden from screen
// readers, which read the table. ECharts escapes every text it draws (names come from people).
import { createRequire } from 'node:module';

// ECharts is CommonJS for Node, and its types do not load under NodeNext: the part used here.
interface ServerChart {
  setOption(option: object): void;
  renderToSVGString(): string;
  dispose(): void;
}
const echarts = createRequire(import.meta.url)('echarts') as {
  init(dom: null, theme: null, options: { renderer: 'svg'; ssr: true; width: number; height: number }): ServerChart;
};

// Digital Agency colours (design tokens Primitive Blue 900, Orange 800, Green 800, Purple 700,
// Cyan 900), each 4.5:1 or more against white, in an order that keeps neighbours apart.
const PALETTE = ['#0017c1', '#c74700', '#197a4b', '#6f23d0', '#006f83'];

export interface ChartSeries {
  name: string;
  data: readonly number[];
}

export interface BarChartOptions {
  categories: readonly string[];
  series: readonly ChartSeries[];
  /** Series stacked into one bar per category, rather than side by side. */
  stacked?: boolean;
  /** Bars run across (for long category names, such as facilities). */
  horizontal?: boolean;
  width?: number;
  height?: number;
}

/** The SVG markup of a bar chart. */
export function barChartSvg(options: BarChartOptions): string {
  const width = options.width ?? 720;
  const height = options.height ?? (options.horizontal ? Math.max(160, 72 + options.categories.length * 36) : 300);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    const category = { type: 'category' as const, data: [...options.categories], axisLabel: { fontSize: 12, color: '#1a1a1a', width: options.horizontal ? 200 : undefined, overflow: 'truncate' as const } };
    const value = { type: 'value' as const, axisLabel: { fontSize: 12, color: '#1a1a1a' }, minInterval: 1 };
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: 'Noto Sans JP, sans-serif' },
      legend: { top: 0, left: 0, width: width - 16, textStyle: { fontSize: 12, color: '#1a1a1a' } },
      // Room for a legend of up to two lines, and for facility names on the left of bars that run across.
      grid: { left: options.horizontal ? 216 : 48, right: 24, top: options.series.length > 3 ? 60 : 36, bottom: 32, containLabel: false },
      xAxis: options.horizontal ? value : category,
      yAxis: options.horizontal ? { ...category, inverse: true } : value,
      series: options.series.map((s) => ({ name: s.name, type: 'bar' as const, data: [...s.data], ...(options.stacked ? { stack: 'all' } : {}) })),
    });
    // The pages' Content-Security-Policy (style-src 'self') drops style attributes, which left the
    // text at the page's 16px: the text's font goes into presentation attributes instead.
    return chart.renderToSVGString().replace(/ style="font-size:(\d+)px;font-family:([^;"]*);"/g, ' font-size="$1" font-family="$2"');
  } finally {
    chart.dispose();
  }
}

/** A chart for sighted readers; the table next to it carries the same figures for everyone. */
export function Chart(props: { options: BarChartOptions }) {
  const safeSvg = barChartSvg(props.options);
  return <div class="chart" aria-hidden="true">{safeSvg}</div>;
}
