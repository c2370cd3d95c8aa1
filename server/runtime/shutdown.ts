import type { Logger } from "./logger";

/**
 * Graceful shutdown in one place: on SIGINT/SIGTERM the steps run in the stated order, each
 * once, within a deadline; a second signal exits at once.
 */
export function onShutdown(
  logger: Logger,
  steps: [name: string, run: () => Promise<void>][],
  deadlineMs = 15_000,
): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, "shutting down");
    const deadline = setTimeout(() => {
      logger.error("shutdown deadline passed: exiting");
      process.exit(1);
    }, deadlineMs);
    deadline.unref();
    for (const [name, run] of steps) {
      try {
        await run();
      } catch (error) {
        logger.warn({ err: error, step: name }, "shutdown step failed");
      }
    }
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}
