"use client";

import { useEffect, useRef, useState } from "react";
import { applyRunEvent } from "../../runs/apply-event";
import type { RunView } from "../../runs/types";
import { Gantt } from "../gantt";
import { benchEvent, generateBenchRun, runningStoryIds } from "./generate-run";

/**
 * Drives the real Gantt for bench/gantt.ts: generates a large run in the browser (not timed),
 * mounts the Gantt with it (timed up to the first painted frame), then applies live events
 * through applyRunEvent, as the socket handler does, while recording frame intervals.
 */
export interface GanttBenchHooks {
  /** Mounts the Gantt with a generated run; resolves with ms from setState to the first painted frame. */
  mount(): Promise<number>;
  /** Scrolls the rows so the running wave (the one receiving updates) is in view. */
  scrollToRunningWave(): void;
  /** Records rAF intervals for `durationMs`, optionally while `rate` events per second arrive. */
  measureFrames(rate: number, durationMs: number): Promise<{ frameIntervals: number[]; delivered: number }>;
  /** Ids passed to onOpenStory, for checking Enter/click in the browser. */
  opened: string[];
  lastEventId(): string | null;
}

declare global {
  interface Window {
    __specwaveBench?: GanttBenchHooks;
  }
}

const afterNextPaint = () =>
  new Promise<number>((resolve) => {
    // rAF runs just before the frame is painted; a message posted from it is handled just after.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function GanttBenchHarness({ items, waves, auto }: { items: number; waves: number; auto: boolean }) {
  const [run, setRun] = useState<RunView | null>(null);
  const runRef = useRef<RunView | null>(null);
  runRef.current = run;
  const [opened] = useState<string[]>([]);

  useEffect(() => {
    // Finished waves take at most ~335 s each: start the run so the running wave began ~90 s ago.
    const generate = () =>
      generateBenchRun({ items, waves, startedAt: Date.now() - Math.floor(waves / 2) * 335_000 - 90_000 });
    const hooks: GanttBenchHooks = {
      async mount() {
        const generated = generate();
        const started = performance.now();
        setRun(generated);
        return (await afterNextPaint()) - started;
      },
      scrollToRunningWave() {
        const current = runRef.current;
        const scroller = document.querySelector<HTMLElement>('[data-testid="gantt-scroller"]');
        if (!current || !scroller) return;
        // Wave rows come before their stories: rows before the running wave = waves + stories before it.
        const storiesBefore = current.stories.filter((story) => story.waveIndex < current.currentWave).length;
        scroller.scrollTop = (storiesBefore + current.currentWave) * 32;
      },
      async measureFrames(rate, durationMs) {
        const frameIntervals: number[] = [];
        let measuring = true;
        let last = 0;
        const onFrame = (time: number) => {
          if (last) frameIntervals.push(time - last);
          last = time;
          if (measuring) requestAnimationFrame(onFrame);
        };
        requestAnimationFrame(onFrame);
        let delivered = 0;
        const started = performance.now();
        const storyIds = runRef.current ? runningStoryIds(runRef.current) : [];
        // Events arrive one by one, each its own state update, like socket messages do.
        const timer =
          rate > 0
            ? setInterval(() => {
                const due = Math.floor(((performance.now() - started) / 1000) * rate);
                while (delivered < due) {
                  const sequence = delivered++;
                  setRun((previous) =>
                    previous
                      ? applyRunEvent(previous, benchEvent(previous, storyIds, sequence, Date.now()))
                      : previous,
                  );
                }
              }, 5)
            : null;
        await sleep(durationMs);
        if (timer) clearInterval(timer);
        measuring = false;
        return { frameIntervals, delivered };
      },
      opened,
      lastEventId: () => runRef.current?.lastEventId ?? null,
    };
    window.__specwaveBench = hooks;
    if (auto) void hooks.mount();
    return () => {
      delete window.__specwaveBench;
    };
  }, [items, waves, auto, opened]);

  return run ? (
    <Gantt run={run} onOpenStory={(id) => opened.push(id)} />
  ) : (
    <p className="text-sm text-slate-500" data-testid="bench-waiting">
      Gantt benchmark: waiting for bench/gantt.ts to mount {items} items.
    </p>
  );
}
