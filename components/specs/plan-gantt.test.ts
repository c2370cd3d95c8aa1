import { describe, expect, it } from "vitest";
import { type GanttLayout, planGantt } from "./plan-gantt";

const layout: GanttLayout = {
  maxRows: 40,
  columnWidth: 100,
  rowHeight: 20,
  labelWidth: 50,
  headerHeight: 10,
};

const plan = {
  items: [
    { id: "T001", title: "Schema" },
    { id: "T002", title: "Service" },
    { id: "T003", title: "Report" },
  ],
  waves: [
    { index: 0, name: "Setup", itemIds: ["T001", "T003"] },
    { index: 1, name: "Service", itemIds: ["T002"] },
  ],
  criticalPath: ["T001", "T002"],
};

describe("planGantt", () => {
  it("puts one bar per item in its wave's column, rows in wave order", () => {
    const model = planGantt(plan, layout);
    expect(model.width).toBe(50 + 2 * 100);
    expect(model.height).toBe(10 + 3 * 20);
    expect(model.columns).toEqual([
      { index: 0, label: "1", name: "Setup", x: 50, width: 100 },
      { index: 1, label: "2", name: "Service", x: 150, width: 100 },
    ]);
    expect(model.bars.map(({ id, x, y, waveIndex }) => ({ id, x, y, waveIndex }))).toEqual([
      { id: "T001", x: 53, y: 13, waveIndex: 0 },
      { id: "T003", x: 53, y: 33, waveIndex: 0 },
      { id: "T002", x: 153, y: 53, waveIndex: 1 },
    ]);
    expect(model.bars[0]).toMatchObject({ width: 94, height: 14, title: "Schema" });
  });

  it("marks the critical path", () => {
    const critical = planGantt(plan, layout)
      .bars.filter((bar) => bar.critical)
      .map((bar) => bar.id);
    expect(critical).toEqual(["T001", "T002"]);
  });

  it("names what it shows, for people who cannot see it", () => {
    expect(planGantt(plan, layout).summary).toBe(
      "Gantt preview of 3 items in 2 waves: wave 1 (Setup): T001, T003; wave 2 (Service): T002. Critical path: T001 → T002.",
    );
  });

  it("draws at most maxRows rows and counts the rest", () => {
    const many = {
      items: Array.from({ length: 100 }, (_, i) => ({ id: `T${i}`, title: "" })),
      waves: [{ index: 0, name: "All", itemIds: Array.from({ length: 100 }, (_, i) => `T${i}`) }],
      criticalPath: [],
    };
    const model = planGantt(many, { ...layout, maxRows: 5 });
    expect(model.bars).toHaveLength(5);
    expect(model.hiddenItems).toBe(95);
    expect(model.height).toBe(10 + 5 * 20);
    expect(model.summary).toContain("wave 1 (All): 100 items.");
    expect(model.summary).toContain("The chart draws the first 5 items.");
  });

  it("gives an empty chart for a plan with no waves", () => {
    const model = planGantt({ items: [], waves: [], criticalPath: [] }, layout);
    expect(model).toMatchObject({ width: 50, height: 10, bars: [], columns: [], hiddenItems: 0 });
  });
});
