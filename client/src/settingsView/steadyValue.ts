/**
 * Holds a view's last state while the user types, without vscode: a summary of a half-typed
 * OMA-URI has an unresolved setting, and showing it at once makes an "Unknown · 1 problem" group
 * flicker in and out with every keystroke. A value offered within `quietMs` of the last edit waits
 * until typing pauses (the newest one wins); a value offered after a pause, or for a document
 * that was not edited, shows at once.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SteadyValue<T> {
  private shown: T;
  private lastEdit = Number.NEGATIVE_INFINITY;
  private timer: unknown;

  constructor(initial: T, private readonly show: (value: T) => void, private readonly quietMs = 700, private readonly clock: Clock = realClock) {
    this.shown = initial;
  }

  get current(): T {
    return this.shown;
  }

  /** The document shown was edited: values offered from now on wait for a pause. */
  edited(): void {
    this.lastEdit = this.clock.now();
  }

  offer(value: T, immediately = false): void {
    this.cancel();
    const wait = this.lastEdit + this.quietMs - this.clock.now();
    if (immediately || wait <= 0) {
      this.shown = value;
      this.show(value);
      return;
    }
    // Offered again after the wait if the user kept typing meanwhile.
    this.timer = this.clock.setTimeout(() => this.offer(value), wait);
  }

  dispose(): void {
    this.cancel();
  }

  private cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
