/**
 * Live/Pause: while paused the Gantt keeps drawing a frozen snapshot and counts the updates that
 * arrived meanwhile; resuming draws the latest. The caller keeps receiving events all along, so
 * nothing is lost. Generic in what is drawn, so it is tested without a run.
 */
export interface LiveSnapshot<T> {
  drawn: T;
  paused: boolean;
  /** Updates received since pausing, not drawn yet. */
  waiting: number;
}

export type LiveSnapshotAction<T> =
  | { type: "received"; value: T }
  | { type: "pause" }
  | { type: "resume"; latest: T };

export function liveSnapshotReducer<T>(
  state: LiveSnapshot<T>,
  action: LiveSnapshotAction<T>,
): LiveSnapshot<T> {
  switch (action.type) {
    case "received":
      if (action.value === state.drawn) return state;
      return state.paused ? { ...state, waiting: state.waiting + 1 } : { ...state, drawn: action.value };
    case "pause":
      return state.paused ? state : { ...state, paused: true, waiting: 0 };
    case "resume":
      return { drawn: action.latest, paused: false, waiting: 0 };
  }
}
