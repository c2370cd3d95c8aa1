import { describe, expect, it } from "vitest";
import { decide, noDecisions, suggestionDecision } from "./suggestion-decisions";

const a = { item: "T002", dependsOn: "T001" };
const b = { item: "T003", dependsOn: "T002" };

describe("suggestion decisions", () => {
  it("accept, reject and undo move an edge between the lists, never into both", () => {
    const accepted = decide(noDecisions, a, "accepted");
    expect(accepted).toEqual({ accepted: [a], rejected: [] });
    const rejected = decide(accepted, a, "rejected");
    expect(rejected).toEqual({ accepted: [], rejected: [a] });
    expect(decide(rejected, a, "pending")).toEqual(noDecisions);
  });

  it("keeps the order edges were accepted in, and only the edge's own fields", () => {
    const both = decide(decide(noDecisions, a, "accepted"), { ...b, itemTitle: "x" } as typeof b, "accepted");
    expect(both.accepted).toEqual([a, b]);
  });

  it("tells each suggestion's decision", () => {
    const decisions = decide(decide(noDecisions, a, "accepted"), b, "rejected");
    expect(suggestionDecision(a, decisions.accepted, decisions.rejected)).toBe("accepted");
    expect(suggestionDecision(b, decisions.accepted, decisions.rejected)).toBe("rejected");
    expect(suggestionDecision({ item: "T9", dependsOn: "T1" }, decisions.accepted, decisions.rejected)).toBe(
      "pending",
    );
  });
});
