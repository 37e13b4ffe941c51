/** Who is on call at one instant: `users` is empty when nobody is (a gap is reported, not hidden). */
export interface OnCall {
  /** The users on call, empty in a gap. */
  users: string[];
  /** The name of the layer whose rotation put them there; null in a gap or under a full override. */
  layer: string | null;
  /** True when an override changed who is on call. */
  override: boolean;
}

/** One stretch of an on-call line, from `start` (inclusive) to `end` (exclusive). */
export interface Shift extends OnCall {
  /** The first instant of the stretch. */
  start: Date;
  /** The first instant after the stretch. */
  end: Date;
}

/** The next change of who is on call: at `at`, `users` take over (empty when a gap begins). */
export interface Handoff {
  /** The instant the change happens. */
  at: Date;
  /** The users on call from `at`. */
  users: string[];
}
