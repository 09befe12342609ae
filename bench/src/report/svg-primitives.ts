/** Small helpers for the hand-written SVG charts. */

export const SERIES_COLORS = ['#6b7280', '#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed'];

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Round axis ticks from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten, about `count` of them. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

export function polyline(points: [number, number][], color: string): string {
  if (points.length === 0) return '';
  const d = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  return `<path d="${d}" fill="none" stroke="${color}" stroke-width="1.8" stroke-linejoin="round"/>`;
}

export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeXml(content)}</text>`;
}

export interface PanelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The plot area inside a panel, leaving room for the title and the axis labels. */
export function plotArea(panel: PanelBox): PanelBox {
  return { x: panel.x + 52, y: panel.y + 26, width: panel.width - 64, height: panel.height - 62 };
}

/** Frame, horizontal grid lines with their labels, and the panel title. */
export function panelFrame(
  panel: PanelBox,
  title: string,
  yTicks: number[],
  yLabel: (v: number) => string,
): string {
  const area = plotArea(panel);
  const yMax = yTicks[yTicks.length - 1];
  const parts = [
    text(panel.x + panel.width / 2, panel.y + 16, title, 'text-anchor="middle" font-weight="600"'),
  ];
  for (const tick of yTicks) {
    const y = area.y + area.height - (tick / yMax) * area.height;
    parts.push(
      `<line x1="${area.x}" y1="${y.toFixed(1)}" x2="${area.x + area.width}" y2="${y.toFixed(1)}" stroke="#e5e7eb"/>`,
    );
    parts.push(text(area.x - 6, y + 4, yLabel(tick), 'text-anchor="end" fill="#4b5563"'));
  }
  parts.push(
    `<rect x="${area.x}" y="${area.y}" width="${area.width}" height="${area.height}" fill="none" stroke="#9ca3af"/>`,
  );
  return parts.join('\n');
}

export function legend(names: string[], x: number, y: number): string {
  return names
    .map((name, i) => {
      const lx = x + i * 170;
      return `<line x1="${lx}" y1="${y}" x2="${lx + 24}" y2="${y}" stroke="${SERIES_COLORS[i % SERIES_COLORS.length]}" stroke-width="3"/>${text(lx + 30, y + 4, name)}`;
    })
    .join('\n');
}

export function svgDocument(width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">
<rect width="100%" height="100%" fill="#ffffff"/>
${body}
</svg>
`;
}
