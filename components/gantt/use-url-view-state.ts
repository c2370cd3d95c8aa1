"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { type GanttUrlState, parseGanttUrlState, writeGanttUrlState } from "./viewport";

/**
 * Zoom and selection in the URL so a view can be shared. Read once on mount; written with
 * history.replaceState (which Next.js keeps in step with useSearchParams), debounced so a wheel
 * zoom does not write a history entry per event.
 */
export function useGanttUrlState(delayMs = 250) {
  const params = useSearchParams();
  const [initial] = useState(() => parseGanttUrlState(params));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const write = useCallback(
    (state: GanttUrlState) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const search = writeGanttUrlState(window.location.search, state);
        if (search === window.location.search) return;
        window.history.replaceState(null, "", `${window.location.pathname}${search}${window.location.hash}`);
      }, delayMs);
    },
    [delayMs],
  );

  return { initial, write };
}
