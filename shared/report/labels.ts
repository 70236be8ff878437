import type { Rating, Trend } from '../domain/evaluation';

export const RATING_LABEL: Record<Rating, string> = {
  green: 'Secure',
  amber: 'Developing',
  red: 'Concern',
  grey: 'Not enough evidence',
};

export const RATING_COLOUR: Record<Rating, { bg: string; fg: string }> = {
  green: { bg: '#1d7a3a', fg: '#ffffff' },
  amber: { bg: '#f2b233', fg: '#1a1a1a' },
  red: { bg: '#b3261e', fg: '#ffffff' },
  grey: { bg: '#6b6b6b', fg: '#ffffff' },
};

export const TREND_LABEL: Record<Trend, string> = {
  up: '▲ improved',
  down: '▼ worse',
  same: '► unchanged',
  new: '• no comparison',
};

export const fmtPct = (x: number | null) =>
  x === null ? 'hidden (fewer than k)' : `${Math.round(x * 100)}%`;
export const fmtMean = (x: number | null) => (x === null ? 'hidden (fewer than k)' : `${x.toFixed(1)} / 5`);

/** The trend in words alone, for places whose font has no arrows (the PDF). */
export const TREND_WORDS: Record<Trend, string> = {
  up: 'improved',
  down: 'worse',
  same: 'unchanged',
  new: 'no comparison',
};
