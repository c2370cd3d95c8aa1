"use client";

import { useCallback, useEffect, useReducer, useRef } from "react";
import { liveSnapshotReducer } from "./live-snapshot";

/**
 * Feeds every new `value` into the Live/Pause state. While live, updates are coalesced to one per
 * animation frame: 200 events a second must not mean 200 full redraws a second.
 */
export function useLiveSnapshot<T>(value: T) {
  const [state, dispatch] = useReducer(liveSnapshotReducer<T>, { drawn: value, paused: false, waiting: 0 });
  const latest = useRef(value);
  const frame = useRef<number | null>(null);
  const paused = state.paused;

  useEffect(() => {
    latest.current = value;
    if (paused) {
      dispatch({ type: "received", value });
      return;
    }
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      dispatch({ type: "received", value: latest.current });
    });
  }, [value, paused]);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  const pause = useCallback(() => dispatch({ type: "pause" }), []);
  const resume = useCallback(() => dispatch({ type: "resume", latest: latest.current }), []);
  return { ...state, pause, resume };
}
