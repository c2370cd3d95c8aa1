"use client";

import { useEffect, useId, useRef, useState } from "react";
import { dangerButtonClass, secondaryButtonClass } from "./classes";

/**
 * A destructive button that asks first, in place: the first press shows the question with
 * "Yes" and "No" buttons, so nothing is lost to a stray click and no browser dialog is needed.
 */
export function ConfirmButton({
  label,
  ariaLabel,
  question,
  confirmLabel,
  onConfirm,
  disabled,
  testId,
}: {
  label: string;
  ariaLabel: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  testId?: string;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <button
        type="button"
        disabled={disabled}
        aria-label={ariaLabel}
        data-testid={testId}
        onClick={() => setAsking(true)}
        className={dangerButtonClass}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-sm">
      <span id={questionId}>{question}</span>
      <button
        ref={confirmRef}
        aria-describedby={questionId}
        type="button"
        disabled={disabled}
        data-testid={testId ? `${testId}-confirm` : undefined}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        className={dangerButtonClass}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)} className={secondaryButtonClass}>
        No
      </button>
    </span>
  );
}
