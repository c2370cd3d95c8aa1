import { loadConfig } from "../server/config/env";
import { createLogger } from "../server/runtime/logger";
import { connectServices } from "../server/runtime/services";
import { onShutdown } from "../server/runtime/shutdown";
import { startStepWorkers } from "./step-workers";

/** `npm run worker`: one worker process; start as many as you like against one database. */
const config = loadConfig();
const logger = createLogger("worker", config.logLevel);
try {
  const services = await connectServices(config);
  const workers = await startStepWorkers(services, config, logger);
  onShutdown(logger, [
    ["workers", () => workers.close()],
    ["services", () => services.close()],
  ]);
} catch (error) {
  logger.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
