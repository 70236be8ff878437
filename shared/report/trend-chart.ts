import type { Evaluation, Rating } from '../domain/evaluation';
import { RATING_LABEL, TREND_LINES, spreadLabels } from './labels';

/** The trend chart as data: each criterion's rating in every cycle so far (null: not enough evidence). */
export interface TrendChart {
  cycles: string[];
  series: { id: string; ratings: (Exclude<Rating, 'grey'> | null)[] }[];
}

export function trendChartOf(history: Evaluation[]): TrendChart {
  const ids = history.at(-1)?.criteria.map((c) => c.id) ?? [];
  return {
    cycles: history.map((e) => e.cycleId),
    series: ids.map((id) => ({
      id,
      ratings: history.map((e) => {
        const r = e.criteria.find((c) => c.id === id)?.rating ?? 'grey';
        return r === 'grey' ? null : r;
      }),
    })),
  };
}

/** The chart in words, for a screen reader and the PDF's alternative text. */
export const trendChartWords = (chart: TrendChart) =>
  `Ratings by cycle. ${chart.series
    .map(
      (s) =>
        `${s.id}: ${s.ratings.map((r, i) => `${chart.cycles[i]} ${RATING_LABEL[r ?? 'grey']}`).join(', ')}`,
    )
    .join('. ')}.`;

const LEVEL: Record<Exclude<Rating, 'grey'>, number> = { red: 0, amber: 1, green: 2 };

export interface ChartBox {
  left: number;
  top: number;
  width: number;
  height: number;
  /** The least distance between two end labels, in the renderer's units. */
  labelGap: number;
}

/**
 * Where everything in the chart goes, in one renderer-neutral geometry: the gridline of each rating,
 * each cycle's x, and each line's points (runs broken where a cycle had too little evidence) with
 * its style and the place of its end label, pushed apart so no two labels overlap.
 */
export function layoutTrendChart(chart: TrendChart, box: ChartBox) {
  const step = chart.cycles.length > 1 ? box.width / (chart.cycles.length - 1) : 0;
  const x = (i: number) => box.left + i * step;
  const y = (r: Exclude<Rating, 'grey'>) => box.top + box.height - (LEVEL[r] / 2) * box.height;
  const lines = chart.series.map((s, k) => {
    const style = TREND_LINES[k % TREND_LINES.length]!;
    // A small offset per line keeps lines at the same rating visible side by side.
    const points = s.ratings.map((r, i) => (r ? { x: x(i), y: y(r) + (k - 2) * 3 } : null));
    const runs: { x: number; y: number }[][] = [[]];
    for (const p of points) {
      if (p) runs.at(-1)!.push(p);
      else if (runs.at(-1)!.length) runs.push([]);
    }
    return {
      id: s.id,
      style,
      runs: runs.filter((r) => r.length),
      end: points.filter(Boolean).at(-1) ?? null,
    };
  });
  const labelYs = spreadLabels(
    lines.map((l) => l.end?.y ?? box.top),
    box.labelGap,
  );
  return {
    grid: (['green', 'amber', 'red'] as const).map((r) => ({ rating: r, label: RATING_LABEL[r], y: y(r) })),
    cycles: chart.cycles.map((c, i) => ({ label: c, x: x(i) })),
    lines: lines.map((l, k) => ({ ...l, label: l.end ? { x: l.end.x + 8, y: labelYs[k]! } : null })),
  };
}
