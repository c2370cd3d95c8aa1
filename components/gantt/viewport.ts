/**
 * The visible time window: zoom, fit and pan as pure functions, and its form in the URL so a
 * zoomed view can be shared. `null` means "fit": the window follows the run as it grows.
 */
import { tickStep } from "./time-axis";

export interface ViewWindow {
  from: number;
  to: number;
}

/** Narrowest and widest windows: deeper than a second is noise, wider than 30 days is a blur. */
export const minSpan = 1000;
export const maxSpan = 30 * 86_400_000;

/**
 * The whole run plus a little room on the right, so the now-line and open bars are not clipped.
 * The end is rounded up to about a twentieth of the span: the fitted scale then changes a few
 * times a minute rather than every frame, so rows that did not change keep equal props and skip
 * re-rendering while a live run grows.
 */
export function fitWindow(start: number, end: number): ViewWindow {
  const span = Math.max(minSpan, end - start) * 1.02;
  const quantum = tickStep(span, 20);
  return { from: start, to: start + Math.ceil(span / quantum) * quantum };
}

/** Zoom by `factor` (< 1 zooms in) keeping the time under `anchor` where it is on screen. */
export function zoomWindow(
  window: ViewWindow,
  factor: number,
  anchor = (window.from + window.to) / 2,
): ViewWindow {
  const span = window.to - window.from;
  const nextSpan = Math.min(maxSpan, Math.max(minSpan, span * factor));
  const share = span > 0 ? (anchor - window.from) / span : 0.5;
  const from = anchor - share * nextSpan;
  return { from, to: from + nextSpan };
}

export function panWindow(window: ViewWindow, deltaMs: number): ViewWindow {
  return { from: window.from + deltaMs, to: window.to + deltaMs };
}

/** Wheel delta → zoom factor; exponential so zooming in then out returns to the same window. */
export const wheelZoomFactor = (deltaY: number) => Math.exp(deltaY * 0.002);

/** Buttons and +/- keys zoom by a fixed step. */
export const zoomStep = 1.5;

export interface GanttUrlState {
  window: ViewWindow | null;
  /** Key of the selected story. */
  selected: string | null;
}

export const urlKeys = { window: "gantt", selected: "gantt_item" } as const;

/** Reads `gantt=<from>~<to>` (epoch ms) and `gantt_item=<key>`; anything malformed means fit / none. */
export function parseGanttUrlState(params: { get(name: string): string | null } | null): GanttUrlState {
  const raw = params?.get(urlKeys.window) ?? null;
  const selected = params?.get(urlKeys.selected) || null;
  const match = raw ? /^(\d+)~(\d+)$/.exec(raw) : null;
  if (!match) return { window: null, selected };
  const from = Number(match[1]);
  const to = Number(match[2]);
  const valid = to - from >= minSpan && to - from <= maxSpan;
  return { window: valid ? { from, to } : null, selected };
}

/** The query string with the Gantt's state written into it; other parameters are kept. */
export function writeGanttUrlState(search: string, state: GanttUrlState): string {
  const params = new URLSearchParams(search);
  if (state.window) {
    params.set(urlKeys.window, `${Math.round(state.window.from)}~${Math.round(state.window.to)}`);
  } else {
    params.delete(urlKeys.window);
  }
  if (state.selected) params.set(urlKeys.selected, state.selected);
  else params.delete(urlKeys.selected);
  const query = params.toString();
  return query ? `?${query}` : "";
}
