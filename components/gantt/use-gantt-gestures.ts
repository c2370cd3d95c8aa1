"use client";

import {
  type PointerEvent,
  type MouseEvent as ReactMouseEvent,
  type RefObject,
  useEffect,
  useRef,
} from "react";
import { panWindow, type ViewWindow, wheelZoomFactor, zoomWindow } from "./viewport";

/**
 * Mouse gestures on the Gantt: ctrl/⌘+wheel zooms around the pointer, shift+wheel or a horizontal
 * wheel pans, dragging the track pans. A drag never counts as a click on the bar it started on.
 */
export function useGanttGestures(
  scrollerRef: RefObject<HTMLDivElement | null>,
  trackRef: RefObject<HTMLDivElement | null>,
  shownRef: RefObject<ViewWindow>,
  changeWindow: (window: ViewWindow) => void,
) {
  const changeRef = useRef(changeWindow);
  changeRef.current = changeWindow;

  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    // Not a React handler: React's wheel listeners are passive, and ctrl+wheel must not zoom the page.
    const onWheel = (event: WheelEvent) => {
      const rect = trackRef.current?.getBoundingClientRect();
      const shown = shownRef.current;
      if (!rect || rect.width <= 0) return;
      const span = shown.to - shown.from;
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        const share = Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width));
        changeRef.current(zoomWindow(shown, wheelZoomFactor(event.deltaY), shown.from + share * span));
      } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault();
        const delta = Math.abs(event.deltaX) > Math.abs(event.deltaY) ? event.deltaX : event.deltaY;
        changeRef.current(panWindow(shown, (delta / rect.width) * span));
      }
    };
    scroller.addEventListener("wheel", onWheel, { passive: false });
    return () => scroller.removeEventListener("wheel", onWheel);
  }, [scrollerRef, trackRef, shownRef]);

  const drag = useRef<{ x: number; window: ViewWindow; moved: boolean; pointerId: number } | null>(null);
  const suppressClick = useRef(false);

  return {
    onPointerDown(event: PointerEvent<HTMLDivElement>) {
      const rect = trackRef.current?.getBoundingClientRect();
      if (event.button !== 0 || !rect || event.clientX < rect.left || event.clientX > rect.right) return;
      drag.current = { x: event.clientX, window: shownRef.current, moved: false, pointerId: event.pointerId };
    },
    onPointerMove(event: PointerEvent<HTMLDivElement>) {
      const current = drag.current;
      const rect = trackRef.current?.getBoundingClientRect();
      if (!current || !rect || rect.width <= 0) return;
      const dx = event.clientX - current.x;
      if (!current.moved && Math.abs(dx) < 4) return;
      if (!current.moved) event.currentTarget.setPointerCapture(current.pointerId);
      current.moved = true;
      const span = current.window.to - current.window.from;
      changeRef.current(panWindow(current.window, (-dx / rect.width) * span));
    },
    onPointerUp() {
      suppressClick.current = drag.current?.moved ?? false;
      drag.current = null;
    },
    onClickCapture(event: ReactMouseEvent) {
      if (!suppressClick.current) return;
      suppressClick.current = false;
      event.stopPropagation();
      event.preventDefault();
    },
  };
}
