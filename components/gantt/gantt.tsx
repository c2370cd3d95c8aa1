"use client";

import {
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  memo,
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { RunView } from "../runs/types";
import { type CriticalPath, criticalPath } from "./critical-path";
import { dependencyArrows } from "./dependency-arrows";
import { axisHeight, GanttAxis } from "./gantt-axis";
import { GanttOverlay } from "./gantt-overlay";
import { rowHeight, StoryRow, WaveRow } from "./gantt-rows";
import { GanttToolbar } from "./gantt-toolbar";
import { nextActiveIndex } from "./keyboard-nav";
import type { GateView } from "./model";
import { createGanttModelBuilder } from "./model-builder";
import { timeScale } from "./time-axis";
import { useElementWidth } from "./use-element-width";
import { useGanttGestures } from "./use-gantt-gestures";
import { useLiveSnapshot } from "./use-live-snapshot";
import { useGanttUrlState } from "./use-url-view-state";
import { fitWindow, type GanttUrlState, type ViewWindow, zoomStep, zoomWindow } from "./viewport";
import { scrollTopToReveal, visibleRowRange } from "./virtual-window";

export type { GateView } from "./model";

export interface GanttProps {
  run: RunView;
  /** Gate results per wave, drawn as markers on the wave's row (default: the run's `gates`, if any). */
  gates?: GateView[];
  /** Called with the story's id when a bar is clicked or Enter is pressed on it (opens the drawer). */
  onOpenStory?: (storyId: string) => void;
  /** Keep zoom and the selected item in the URL (`gantt`, `gantt_item`); needs the App Router. */
  syncUrl?: boolean;
  /** Height cap of the scrolling rows area, px. */
  maxHeight?: number;
}

const noGates: GateView[] = [];
const noCriticalPath: CriticalPath = { keys: [], duration: 0 };
const criticalPathEveryMs = 5000;

/** The live Gantt: a row per wave and per story, step segments, markers, zoom, pan, Live/Pause. */
export function Gantt({ syncUrl = true, ...props }: GanttProps) {
  return syncUrl ? <GanttWithUrlState {...props} /> : <LiveGantt {...props} />;
}

function GanttWithUrlState(props: Omit<GanttProps, "syncUrl">) {
  const url = useGanttUrlState();
  return <LiveGantt {...props} initialState={url.initial} onStateChange={url.write} />;
}

interface LiveGanttProps extends Omit<GanttProps, "syncUrl"> {
  initialState?: GanttUrlState;
  onStateChange?: (state: GanttUrlState) => void;
}

/** Holds Live/Pause; everything drawn is in the memoised view, which only sees the drawn snapshot. */
function LiveGantt({
  run,
  gates,
  onOpenStory,
  initialState,
  onStateChange,
  maxHeight = 640,
}: LiveGanttProps) {
  const snapshot = useLiveSnapshot(run);
  // Callers often pass inline callbacks; keeping them in refs lets the memoised view skip renders.
  const callbacks = useRef({ onOpenStory, onStateChange });
  callbacks.current = { onOpenStory, onStateChange };
  const openStory = useCallback((storyId: string) => callbacks.current.onOpenStory?.(storyId), []);
  const stateChanged = useCallback((state: GanttUrlState) => callbacks.current.onStateChange?.(state), []);
  const { paused, pause, resume } = snapshot;
  const toggleLive = useCallback(() => (paused ? resume() : pause()), [paused, pause, resume]);

  return (
    <GanttView
      run={snapshot.drawn}
      gates={gates}
      paused={paused}
      waiting={snapshot.waiting}
      onToggleLive={toggleLive}
      openStory={openStory}
      initialState={initialState}
      onStateChange={stateChanged}
      maxHeight={maxHeight}
    />
  );
}

const liveStatuses = new Set(["pending", "running", "awaiting_approval"]);

/** Re-reads the clock while something can still grow; stops when paused or finished. */
function useNow(ticking: boolean, everyMs = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [ticking, everyMs]);
  return now;
}

interface GanttViewProps {
  run: RunView;
  gates: GateView[] | undefined;
  paused: boolean;
  waiting: number;
  onToggleLive: () => void;
  openStory: (storyId: string) => void;
  initialState?: GanttUrlState;
  onStateChange: (state: GanttUrlState) => void;
  maxHeight: number;
}

const GanttView = memo(function GanttView(props: GanttViewProps) {
  const { run, paused, openStory, onStateChange, maxHeight } = props;
  // Gate results travel with the run once the engine reports them; an explicit prop wins.
  const gates = props.gates ?? (run as RunView & { gates?: GateView[] }).gates ?? noGates;
  const now = useNow(liveStatuses.has(run.status) && !paused);
  // One builder per Gantt: it patches its previous rows instead of rebuilding 5,000 each frame.
  const [buildModel] = useState(createGanttModelBuilder);
  const model = useMemo(() => buildModel(run, now, gates), [buildModel, run, now, gates]);
  // The critical path walks the whole dependency graph (a long task on 5,000 items), so it is
  // recomputed every few seconds of the clock and when the run's status changes, not on every
  // event, in a deferred render so it never holds up a frame. Which chain is longest changes on
  // that scale; the first paint shows the bars and the highlight follows (clock 0 = not yet).
  const storiesRef = useRef(run.stories);
  storiesRef.current = run.stories;
  const storyCount = run.stories.length;
  const criticalClock = useDeferredValue(Math.floor(now / criticalPathEveryMs) * criticalPathEveryMs, 0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed on these on purpose, see above
  const critical = useMemo(
    () => (criticalClock === 0 ? noCriticalPath : criticalPath(storiesRef.current, criticalClock)),
    [criticalClock, run.status, storyCount],
  );
  const criticalKeys = useMemo(() => new Set(critical.keys), [critical]);

  // Zoom: null means "fit", which follows the run as it grows.
  const [viewWindow, setViewWindow] = useState<ViewWindow | null>(props.initialState?.window ?? null);
  const fitted = fitWindow(model.start, model.end);
  const shown = viewWindow ?? fitted;
  const shownRef = useRef(shown);
  shownRef.current = shown;

  const track = useElementWidth<HTMLDivElement>();
  const trackWidth = track.width;
  const x = useMemo(() => timeScale(shown.from, shown.to, trackWidth), [shown.from, shown.to, trackWidth]);

  const scrollerRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const rowsHeight = model.rows.length * rowHeight;
  const scrollerHeight = Math.min(maxHeight, axisHeight + rowsHeight);
  const range = visibleRowRange(scrollTop, scrollerHeight - axisHeight, rowHeight, model.rows.length);

  const [selectedKey, setSelectedKey] = useState<string | null>(props.initialState?.selected ?? null);
  const firstStoryKey = model.rows.find((row) => row.kind === "story")?.label ?? null;
  const activeKey =
    selectedKey !== null && model.rowIndexByKey.has(selectedKey) ? selectedKey : firstStoryKey;
  const activeIndex = activeKey === null ? undefined : model.rowIndexByKey.get(activeKey);
  const [highlightKey, setHighlightKey] = useState<string | null>(null);
  const focusRequest = useRef<string | null>(null);

  const gestures = useGanttGestures(scrollerRef, track.element, shownRef, setViewWindow);
  const zoomBy = useCallback((factor: number) => setViewWindow(zoomWindow(shownRef.current, factor)), []);

  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    onStateChange({ window: viewWindow, selected: selectedKey });
  }, [viewWindow, selectedKey, onStateChange]);

  // Focus follows keyboard moves once the target row is mounted (it always is: see `indices`).
  useEffect(() => {
    const key = focusRequest.current;
    if (key === null) return;
    focusRequest.current = null;
    const bar = scrollerRef.current?.querySelector<HTMLElement>(`[data-bar-key="${CSS.escape(key)}"]`);
    bar?.focus({ preventScroll: true });
  });

  const moveTo = (index: number) => {
    const row = model.rows[index];
    const scroller = scrollerRef.current;
    if (!row || !scroller) return;
    setSelectedKey(row.label);
    const viewport = scroller.clientHeight - axisHeight;
    let top = scrollTopToReveal(index, rowHeight, scroller.scrollTop, viewport);
    // Arriving at a wave's first item shows the wave's heading row too.
    if (model.rows[index - 1]?.kind === "wave") top = Math.min(top, (index - 1) * rowHeight);
    if (top !== scroller.scrollTop) {
      scroller.scrollTop = top;
      setScrollTop(top);
    }
    focusRequest.current = row.label;
  };

  const barKeyOf = (target: EventTarget) =>
    (target as HTMLElement).closest?.<HTMLElement>("[data-bar-key]")?.dataset.barKey;

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const key = barKeyOf(event.target);
    if (!key) return;
    if (event.key === "+" || event.key === "=") return zoomBy(1 / zoomStep);
    if (event.key === "-") return zoomBy(zoomStep);
    if (event.key === "0") return setViewWindow(null);
    const pageRows = Math.max(1, Math.floor((scrollerHeight - axisHeight) / rowHeight) - 1);
    const next = nextActiveIndex(model.rows, model.rowIndexByKey.get(key) ?? 0, event.key, pageRows);
    if (next === null) {
      if (event.key.startsWith("Arrow") || event.key.startsWith("Page")) event.preventDefault();
      return;
    }
    event.preventDefault();
    moveTo(next);
  };

  const onClick = (event: MouseEvent<HTMLElement>) => {
    const key = barKeyOf(event.target);
    const index = key === undefined ? undefined : model.rowIndexByKey.get(key);
    const row = index === undefined ? undefined : model.rows[index];
    if (!key || !row) return;
    setSelectedKey(key);
    openStory(row.id);
  };

  const highlight = (event: MouseEvent | FocusEvent) => {
    const key = barKeyOf(event.target) ?? null;
    if (key !== highlightKey) setHighlightKey(key);
  };

  const arrows = useMemo(
    () => (highlightKey && trackWidth > 0 ? dependencyArrows(model, highlightKey, x, rowHeight) : []),
    [model, highlightKey, x, trackWidth],
  );

  const indices: number[] = [];
  for (let index = range.first; index < range.last; index++) indices.push(index);
  // The roving-tabindex bar stays mounted when scrolled away, so Tab always finds it.
  if (activeIndex !== undefined && (activeIndex < range.first || activeIndex >= range.last))
    indices.push(activeIndex);

  const nowX = !run.finishedAt && now >= shown.from && now <= shown.to ? x(now) : null;

  return (
    <section
      aria-label="Gantt of waves and stories"
      aria-describedby="gantt-keys-help"
      className="rounded-lg border border-slate-200 dark:border-slate-700"
    >
      <GanttToolbar
        paused={paused}
        waiting={props.waiting}
        fitted={viewWindow === null}
        critical={critical}
        onZoomIn={() => zoomBy(1 / zoomStep)}
        onZoomOut={() => zoomBy(zoomStep)}
        onFit={() => setViewWindow(null)}
        onToggleLive={props.onToggleLive}
      />
      <p id="gantt-keys-help" className="sr-only">
        Arrow keys move between items, left and right jump between waves, Enter opens an item, plus and minus
        zoom, 0 fits. Ctrl and the mouse wheel zoom; dragging the timeline pans.
      </p>
      {model.rows.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">No waves planned for this run yet.</p>
      ) : (
        <div
          ref={scrollerRef}
          data-testid="gantt-scroller"
          className="relative touch-pan-y overflow-y-auto overscroll-contain select-none"
          style={{ height: scrollerHeight }}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
          {...gestures}
        >
          <GanttAxis
            origin={model.start}
            from={shown.from}
            to={shown.to}
            trackWidth={trackWidth}
            trackRef={track.ref}
          />
          <div className="relative" style={{ height: rowsHeight }}>
            <ul
              aria-label={`${model.rows.length} rows`}
              className="absolute inset-0"
              onKeyDown={onKeyDown}
              onClick={onClick}
              onMouseOver={highlight}
              onFocus={highlight}
              onMouseLeave={() => setHighlightKey(null)}
              onBlur={() => setHighlightKey(null)}
            >
              {indices.map((index) => {
                const row = model.rows[index];
                if (!row) return null;
                const common = {
                  from: shown.from,
                  to: shown.to,
                  trackWidth,
                  index,
                  rowCount: model.rows.length,
                };
                return row.kind === "wave" ? (
                  <WaveRow key={row.id} row={row} origin={model.start} {...common} />
                ) : (
                  <StoryRow
                    key={row.id}
                    row={row}
                    critical={criticalKeys.has(row.label)}
                    tabbable={row.label === activeKey}
                    {...common}
                  />
                );
              })}
            </ul>
            <GanttOverlay height={rowsHeight} nowX={nowX} arrows={arrows} />
          </div>
        </div>
      )}
    </section>
  );
});
