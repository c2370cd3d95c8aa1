"use client";

import { useCallback, useRef, useState } from "react";

/** Width of an element, kept current with a ResizeObserver (the track follows the page width). */
export function useElementWidth<T extends HTMLElement>() {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const element = useRef<T | null>(null);
  const ref = useCallback((node: T | null) => {
    observer.current?.disconnect();
    element.current = node;
    if (!node) return;
    setWidth(node.getBoundingClientRect().width);
    observer.current = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.current.observe(node);
  }, []);
  return { ref, element, width };
}
