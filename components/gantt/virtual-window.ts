/**
 * Row windowing for fixed-height rows: only the rows in (or near) the scrolled viewport are
 * mounted, so 5,000 items cost as much to draw as the 20 a person can see. Fixed heights also mean
 * no layout shift when a bar changes.
 */
export interface RowRange {
  /** First mounted row index. */
  first: number;
  /** One past the last mounted row index. */
  last: number;
}

export function visibleRowRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan = 6,
): RowRange {
  if (rowCount === 0 || rowHeight <= 0) return { first: 0, last: 0 };
  const firstVisible = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const lastVisible = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight);
  return {
    first: Math.max(0, Math.min(rowCount - 1, firstVisible - overscan)),
    last: Math.min(rowCount, lastVisible + overscan),
  };
}

/** The scrollTop that brings row `index` fully into view, moving as little as possible. */
export function scrollTopToReveal(
  index: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}
