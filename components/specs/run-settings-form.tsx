"use client";

export interface RunSettingsInput {
  mode: "waves" | "eager" | "sequential";
  approval: "required" | "automatic";
  strict: boolean;
  tdd: boolean;
  reviewers: boolean;
  batchSize?: number;
  concurrency?: number;
}

export const defaultSettings: RunSettingsInput = {
  mode: "waves",
  approval: "required",
  strict: true,
  tdd: true,
  reviewers: false,
};

const field = "rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900";

/**
 * How the run goes: the mode, approvals between waves, strictness, TDD pairs, reviewers, batch
 * size and how many items may run at once.
 */
export function RunSettingsForm({
  value,
  onChange,
}: {
  value: RunSettingsInput;
  onChange: (next: RunSettingsInput) => void;
}) {
  return (
    <fieldset className="flex flex-wrap items-center gap-x-5 gap-y-2 rounded border border-slate-200 p-3 text-sm dark:border-slate-700">
      <legend className="px-1 font-medium">Run settings</legend>
      <label>
        Mode{" "}
        <select
          className={field}
          value={value.mode}
          onChange={(event) => onChange({ ...value, mode: event.target.value as RunSettingsInput["mode"] })}
        >
          <option value="waves">waves (approve between waves)</option>
          <option value="eager">eager (start items as soon as they can)</option>
          <option value="sequential">sequential (one item at a time)</option>
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={value.approval === "required"}
          onChange={(event) =>
            onChange({ ...value, approval: event.target.checked ? "required" : "automatic" })
          }
        />{" "}
        Approval between waves
      </label>
      <label>
        <input
          type="checkbox"
          checked={value.strict}
          onChange={(event) => onChange({ ...value, strict: event.target.checked })}
        />{" "}
        Strict (a failure stops the run)
      </label>
      <label>
        <input
          type="checkbox"
          checked={value.tdd}
          onChange={(event) => onChange({ ...value, tdd: event.target.checked })}
        />{" "}
        Tests first (TDD pairs)
      </label>
      <label>
        <input
          type="checkbox"
          checked={value.reviewers}
          onChange={(event) => onChange({ ...value, reviewers: event.target.checked })}
        />{" "}
        Reviewers
      </label>
      {value.mode !== "sequential" && (
        <OptionalNumber
          label="Items at once"
          max={10}
          placeholder="all"
          value={value.concurrency}
          onChange={(concurrency) => onChange({ ...value, concurrency })}
        />
      )}
      <OptionalNumber
        label="Batch size"
        max={100}
        placeholder="none"
        value={value.batchSize}
        onChange={(batchSize) => onChange({ ...value, batchSize })}
      />
    </fieldset>
  );
}

/** A whole number from 1 to `max`, or nothing (the server's default). */
function OptionalNumber({
  label,
  max,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  max: number;
  placeholder: string;
  value: number | undefined;
  onChange: (next: number | undefined) => void;
}) {
  return (
    <label>
      {label}{" "}
      <input
        type="number"
        min={1}
        max={max}
        placeholder={placeholder}
        className={`${field} w-20`}
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value ? Number(event.target.value) : undefined)}
      />
    </label>
  );
}
