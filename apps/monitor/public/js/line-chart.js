// A small SVG line chart (no dependencies, works offline): x = time, y = 0–100 %, one line per
// series, dashed target lines labelled with their value, a legend. Enough for the leader's KPI
// trend in 15-minute steps.
const SVG = 'http://www.w3.org/2000/svg';

function node(tag, attrs = {}, text) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = text;
  return n;
}

/**
 * @param {Element} container
 * @param {{
 *   width?: number, height?: number,
 *   x: number[],                                  // epoch ms of each point
 *   xDomain?: [number, number],                  // defaults to the first/last x
 *   series: { name: string, color: string, values: (number|null)[] }[],  // 0–1, null = gap
 *   targets?: { value: number, color: string, label: string }[],  // label: drawn at the right end
 *   formatX: (ms: number) => string,
 *   yMin?: number, yMax?: number,
 *   formatY?: (value: number) => string,        // defaults to a percentage
 *   xStepMs?: number,                            // x label spacing, defaults to 2 hours
 * }} spec
 */
export function renderLineChart(container, spec) {
  const width = spec.width ?? 900;
  const height = spec.height ?? 300;
  const m = { top: 16, right: 16, bottom: 48, left: 48 };
  const yMin = spec.yMin ?? 0;
  const yMax = spec.yMax ?? 1;
  const [x0, x1] = spec.xDomain ?? [spec.x[0] ?? 0, spec.x[spec.x.length - 1] ?? 1];
  const sx = (x) => m.left + ((x - x0) / Math.max(1, x1 - x0)) * (width - m.left - m.right);
  const sy = (y) => m.top + (1 - (y - yMin) / (yMax - yMin)) * (height - m.top - m.bottom);
  // The x domain on the element: what the chart spans (a day, a shift) is readable by tests.
  const svg = node('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'data-x-from': x0,
    'data-x-to': x1,
  });

  const grid = node('g', { class: 'grid' });
  const axis = node('g', { class: 'axis' });
  for (let i = 0; i <= 4; i++) {
    const y = yMin + ((yMax - yMin) * i) / 4;
    grid.append(node('line', { x1: m.left, x2: width - m.right, y1: sy(y), y2: sy(y) }));
    axis.append(
      node(
        'text',
        { x: m.left - 6, y: sy(y) + 4, 'text-anchor': 'end' },
        spec.formatY ? spec.formatY(y) : `${Math.round(y * 100)}%`,
      ),
    );
  }
  // An x label every 2 hours keeps them readable at 96 points a day.
  const step = spec.xStepMs ?? 2 * 60 * 60 * 1000;
  for (let x = Math.ceil(x0 / step) * step; x <= x1; x += step) {
    grid.append(node('line', { x1: sx(x), x2: sx(x), y1: m.top, y2: height - m.bottom }));
    axis.append(
      node(
        'text',
        { x: sx(x), y: height - m.bottom + 16, 'text-anchor': 'middle' },
        spec.formatX(x),
      ),
    );
  }
  svg.append(grid, axis);

  for (const target of spec.targets ?? []) {
    svg.append(
      node('line', {
        x1: m.left,
        x2: width - m.right,
        y1: sy(target.value),
        y2: sy(target.value),
        stroke: target.color,
        'stroke-dasharray': '6 4',
        'stroke-width': 1.5,
        opacity: 0.8,
      }),
    );
    // The target's value at the line's right end, so nobody has to guess what the dash means.
    if (target.label) {
      svg.append(
        node(
          'text',
          {
            x: width - m.right - 4,
            y: sy(target.value) - 5,
            'text-anchor': 'end',
            fill: target.color,
            class: 'target-label',
          },
          target.label,
        ),
      );
    }
  }

  for (const series of spec.series) {
    // Split at nulls so an interval without calls is a gap, not a drop to zero.
    let d = '';
    let pen = false;
    series.values.forEach((v, i) => {
      if (v === null || v === undefined) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${sx(spec.x[i]).toFixed(1)},${sy(v).toFixed(1)}`;
      pen = true;
    });
    svg.append(
      node('path', {
        d,
        fill: 'none',
        stroke: series.color,
        'stroke-width': 2.5,
        'stroke-linejoin': 'round',
      }),
    );
    series.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      const prev = series.values[i - 1];
      const next = series.values[i + 1];
      // Lone points would be invisible as a path.
      if ((prev === null || prev === undefined) && (next === null || next === undefined)) {
        svg.append(node('circle', { cx: sx(spec.x[i]), cy: sy(v), r: 3, fill: series.color }));
      }
    });
  }

  let lx = m.left;
  for (const series of spec.series) {
    svg.append(node('rect', { x: lx, y: height - 18, width: 14, height: 4, fill: series.color }));
    const label = node('text', { x: lx + 20, y: height - 12, class: 'legend-text' }, series.name);
    svg.append(label);
    // Chinese characters are about twice as wide as Latin ones at the legend's size.
    const wide = [...series.name].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
    lx += 32 + wide * 7;
  }

  container.replaceChildren(svg);
  return svg;
}
