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

export interface TimeSeriesPanel {
  title: string;
  series: { name: string; points: [number, number][] }[];
}

const PANEL_WIDTH = 440;
const PANEL_HEIGHT = 230;

/** Side-by-side panels of values over time (x: seconds since start). */
export function timeSeriesChart(title: string, panels: TimeSeriesPanel[]): string {
  const width = PANEL_WIDTH * panels.length + 20;
  const names = [...new Set(panels.flatMap((p) => p.series.map((s) => s.name)))];
  const parts = [text(10, 18, title, 'font-size="13" font-weight="600"'), legend(names, 14, 36)];
  panels.forEach((p, i) => {
    const panel: PanelBox = {
      x: 10 + i * PANEL_WIDTH,
      y: 46,
      width: PANEL_WIDTH - 10,
      height: PANEL_HEIGHT - 10,
    };
    parts.push(panelSvg(panel, p, names));
  });
  return svgDocument(width, 46 + PANEL_HEIGHT + 10, parts.join('\n'));
}

function panelSvg(panel: PanelBox, data: TimeSeriesPanel, names: string[]): string {
  const area = plotArea(panel);
  const points = data.series.flatMap((s) => s.points);
  const yTicks = niceTicks(Math.max(0, ...points.map(([, y]) => y)), 4);
  const xTicks = niceTicks(Math.max(1, ...points.map(([x]) => x)), 5);
  const yMax = yTicks[yTicks.length - 1];
  const xMax = xTicks[xTicks.length - 1];
  const at = ([x, y]: [number, number]): [number, number] => [
    area.x + (x / xMax) * area.width,
    area.y + area.height - (y / yMax) * area.height,
  ];
  const parts = [panelFrame(panel, data.title, yTicks, (v) => String(v))];
  for (const tick of xTicks) {
    parts.push(
      text(
        area.x + (tick / xMax) * area.width,
        area.y + area.height + 14,
        `${tick}s`,
        'text-anchor="middle" fill="#4b5563"',
      ),
    );
  }
  for (const s of data.series) {
    parts.push(polyline(s.points.map(at), SERIES_COLORS[names.indexOf(s.name) % SERIES_COLORS.length]));
  }
  return parts.join('\n');
}
