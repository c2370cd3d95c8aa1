/**
 * The upload page's Gantt preview as plain data: one row per item, in wave order, each a bar in
 * its wave's column (waves run one after another, so a column is a step of time). Pure, so the
 * layout is tested without a browser; plan-gantt-chart.tsx only draws what this returns.
 */

export interface GanttPlanInput {
  items: { id: string; title: string }[];
  waves: { index: number; name: string; itemIds: string[] }[];
  criticalPath: string[];
}

export interface GanttLayout {
  /** Rows drawn at most; a 10,000-item plan shows its first rows and says how many it left out. */
  maxRows: number;
  columnWidth: number;
  rowHeight: number;
  labelWidth: number;
  headerHeight: number;
}

export const defaultGanttLayout: GanttLayout = {
  maxRows: 40,
  columnWidth: 88,
  rowHeight: 20,
  labelWidth: 72,
  headerHeight: 22,
};

export interface GanttColumn {
  index: number;
  /** "1", "2", …: the wave's number as the waves table shows it. */
  label: string;
  name: string;
  x: number;
  width: number;
}

export interface GanttBar {
  id: string;
  title: string;
  waveIndex: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** On the chain of dependencies that sets the plan's length. */
  critical: boolean;
}

export interface GanttModel {
  width: number;
  height: number;
  columns: GanttColumn[];
  bars: GanttBar[];
  /** Items not drawn (over maxRows). */
  hiddenItems: number;
  /** What the chart shows, for its accessible name. */
  summary: string;
}

const BAR_INSET = 3;

export function planGantt(plan: GanttPlanInput, layout: GanttLayout = defaultGanttLayout): GanttModel {
  const titles = new Map(plan.items.map((item) => [item.id, item.title]));
  const critical = new Set(plan.criticalPath);
  const columns: GanttColumn[] = plan.waves.map((wave, position) => ({
    index: wave.index,
    label: String(wave.index + 1),
    name: wave.name,
    x: layout.labelWidth + position * layout.columnWidth,
    width: layout.columnWidth,
  }));
  const rows = plan.waves.flatMap((wave, position) => wave.itemIds.map((id) => ({ id, position, wave })));
  const shown = rows.slice(0, Math.max(0, layout.maxRows));
  const bars: GanttBar[] = shown.map((row, index) => ({
    id: row.id,
    title: titles.get(row.id) ?? "",
    waveIndex: row.wave.index,
    x: layout.labelWidth + row.position * layout.columnWidth + BAR_INSET,
    y: layout.headerHeight + index * layout.rowHeight + BAR_INSET,
    width: layout.columnWidth - 2 * BAR_INSET,
    height: layout.rowHeight - 2 * BAR_INSET,
    critical: critical.has(row.id),
  }));
  return {
    width: layout.labelWidth + plan.waves.length * layout.columnWidth,
    height: layout.headerHeight + shown.length * layout.rowHeight,
    columns,
    bars,
    hiddenItems: rows.length - shown.length,
    summary: ganttSummary(plan, rows.length - shown.length),
  };
}

function ganttSummary(plan: GanttPlanInput, hidden: number): string {
  const items = plan.waves.reduce((count, wave) => count + wave.itemIds.length, 0);
  // A large plan's label names how many items each wave holds, not every id.
  const list = (ids: string[]) => (hidden > 0 ? `${ids.length} items` : ids.join(", "));
  const waves = plan.waves
    .map((wave) => `wave ${wave.index + 1} (${wave.name}): ${list(wave.itemIds)}`)
    .join("; ");
  const path = plan.criticalPath.length > 0 ? ` Critical path: ${plan.criticalPath.join(" → ")}.` : "";
  const cut = hidden > 0 ? ` The chart draws the first ${items - hidden} items.` : "";
  return `Gantt preview of ${items} ${items === 1 ? "item" : "items"} in ${plan.waves.length} ${plan.waves.length === 1 ? "wave" : "waves"}: ${waves}.${path}${cut}`;
}
