/**
 * Bounded report building: a request for a report that is already being built waits for that build (one
 * promise per key: release + parameters + format) instead of building it twice, and at most `limit` builds
 * run at once (each holds a Chromium page or a few MiB of document); the rest queue in arrival order.
 */
export class ReportBuilds<T> {
  private readonly inFlight = new Map<string, Promise<T>>();
  private readonly waiting: Array<() => void> = [];
  private running = 0;
  /** Builds started (requests that joined a running build are not counted): for tests and the bench. */
  started = 0;

  constructor(readonly limit = 2) {}

  build(key: string, make: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const promise = this.slot()
      .then(() => {
        this.started++;
        return make();
      })
      .finally(() => {
        this.inFlight.delete(key);
        this.release();
      });
    this.inFlight.set(key, promise);
    return promise;
  }

  private slot(): Promise<void> {
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
