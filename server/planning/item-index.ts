import type { PlanItem } from "../specs/types";

/**
 * A plan's items by id, built once and shared by every planning step, so that no step builds its
 * own map of 10,000 ids: facts about each item (its phase, its wave) live in arrays by position.
 */
export class ItemIndex {
  private readonly positions: Map<string, number>;

  /**
   * `positions` may be given when the caller has indexed the items already (see
   * parseSpecWithIds): each id's position, the ids being unique.
   */
  constructor(
    readonly items: readonly PlanItem[],
    positions?: Map<string, number>,
  ) {
    if (positions) {
      this.positions = positions;
      return;
    }
    this.positions = new Map();
    // A repeated id resolves to its last item, as a map built from the items would.
    for (let i = 0; i < items.length; i++) this.positions.set((items[i] as PlanItem).id, i);
  }

  /** Whether two items share an id (the index then holds fewer ids than items). */
  get hasRepeatedIds(): boolean {
    return this.positions.size < this.items.length;
  }

  /** Position in `items` of the item with this id, or -1. */
  positionOf(id: string): number {
    return this.positions.get(id) ?? -1;
  }

  has(id: string): boolean {
    return this.positions.has(id);
  }

  get(id: string): PlanItem | undefined {
    const position = this.positions.get(id);
    return position === undefined ? undefined : this.items[position];
  }
}
