// Our code runs inside every page the user visits. Whatever goes wrong in it (a page that breaks
// an assumption, a message port that closed, our own bug) must end here and never reach the
// page as an uncaught error.

/** Wraps a callback the browser calls (listeners, timers, observers) so it never throws. */
export function guarded<Args extends unknown[]>(
  callback: (...args: Args) => void,
): (...args: Args) => void {
  return (...args: Args) => {
    try {
      callback(...args);
    } catch (error) {
      swallow(error);
    }
  };
}

/** Runs a promise to its end without letting a rejection escape as unhandled. */
export function settle(promise: Promise<unknown>): void {
  promise.catch(swallow);
}

function swallow(error: unknown) {
  console.debug('[Fineprint]', error);
}
