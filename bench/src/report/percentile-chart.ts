import type { BenchReport } from './bench-report';
import {
  legend,
  niceTicks,
  panelFrame,
  plotArea,
  polyline,
  SERIES_COLORS,
  svgDocument,
  text,
  type PanelBox,
} from './svg-primitives';

const PANEL_WIDTH = 330;
const PANEL_HEIGHT = 230;
const COLUMNS = 4;
const TOP = 46;

/** Position of a percentile on the "nines" axis: 0 -> 0, 90 -> 1, 99 -> 2, 99.9 -> 3. */
export function ninesOf(percentile: number): number {
  return Math.log10(100 / (100 - percentile));
}

/**
 * Latency percentile curves (HdrHistogram style): one panel per load profile, one line per target;
 * x is the percentile on a log "nines" axis, y the latency in ms.
 */
export function percentileChart(report: BenchReport): string {
  const targets = report.targets.filter((t) => t.ran).map((t) => t.name);
  const rows = Math.ceil(report.profiles.length / COLUMNS);
  const width = PANEL_WIDTH * COLUMNS + 20;
  const height = TOP + rows * PANEL_HEIGHT + 10;
  const parts = [
    text(
      10,
      18,
      'Latency by percentile (ms; from the scheduled send time, so coordinated omission is corrected)',
      'font-size="13" font-weight="600"',
    ),
    legend(targets, 14, 36),
  ];
  report.profiles.forEach((profile, i) => {
    const panel: PanelBox = {
      x: 10 + (i % COLUMNS) * PANEL_WIDTH,
      y: TOP + Math.floor(i / COLUMNS) * PANEL_HEIGHT,
      width: PANEL_WIDTH - 10,
      height: PANEL_HEIGHT - 10,
    };
    const series = targets.map(
      (target) => report.results.find((r) => r.target === target && r.profile === profile.id)?.curve ?? [],
    );
    parts.push(panelSvg(panel, profile.label, series));
  });
  return svgDocument(width, height, parts.join('\n'));
}

function panelSvg(panel: PanelBox, title: string, series: [number, number][][]): string {
  const area = plotArea(panel);
  const maxMs = Math.max(0.001, ...series.flat().map(([, us]) => us / 1000));
  const yTicks = niceTicks(maxMs, 4);
  const yMax = yTicks[yTicks.length - 1];
  const maxNines = Math.max(2, Math.ceil(Math.max(0, ...series.flat().map(([p]) => ninesOf(p)))));
  const xOf = (p: number) => area.x + (ninesOf(p) / maxNines) * area.width;
  const yOf = (us: number) => area.y + area.height - (us / 1000 / yMax) * area.height;
  const parts = [panelFrame(panel, title, yTicks, (v) => String(v))];
  for (let n = 0; n <= maxNines; n++) {
    const x = area.x + (n / maxNines) * area.width;
    const label = n === 0 ? '0%' : `${(100 - 100 / 10 ** n).toFixed(Math.max(0, n - 2))}%`;
    parts.push(
      `<line x1="${x.toFixed(1)}" y1="${area.y}" x2="${x.toFixed(1)}" y2="${area.y + area.height}" stroke="#f3f4f6"/>`,
    );
    parts.push(text(x, area.y + area.height + 14, label, 'text-anchor="middle" fill="#4b5563"'));
  }
  series.forEach((curve, i) => {
    parts.push(
      polyline(
        curve.map(([p, us]) => [xOf(p), yOf(us)]),
        SERIES_COLORS[i % SERIES_COLORS.length],
      ),
    );
  });
  return parts.join('\n');
}
