import type { CoverageRow } from "./coverage-rows";

const columns: { header: string; value: (row: CoverageRow) => string | number | boolean | null }[] = [
  { header: "item", value: (row) => row.key },
  { header: "title", value: (row) => row.title },
  { header: "status", value: (row) => row.status },
  { header: "tests", value: (row) => row.tests },
  { header: "passed", value: (row) => row.passed },
  { header: "failed", value: (row) => row.failed },
  { header: "lines_pct", value: (row) => row.lines },
  { header: "branches_pct", value: (row) => row.branches },
  { header: "changed_lines_pct", value: (row) => row.changedLines },
  { header: "lines_below_threshold", value: (row) => row.linesBelow },
  { header: "branches_below_threshold", value: (row) => row.branchesBelow },
];

/**
 * RFC 4180 field: quoted when it holds a comma, a quote, a line break or starts with a space;
 * quotes doubled. A cell a spreadsheet would run as a formula (=, +, -, @) gets a leading quote,
 * since titles come from uploaded specs.
 */
function field(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The coverage table as CSV, a header line then one line per row, CRLF line ends. */
export function toCsv(rows: CoverageRow[]): string {
  const lines = [columns.map((column) => column.header).join(",")];
  for (const row of rows) lines.push(columns.map((column) => field(column.value(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
