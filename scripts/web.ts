import { loadConfig } from "../server/config/env";
import { createLogger } from "../server/runtime/logger";
import { onShutdown } from "../server/runtime/shutdown";
import { serveWeb } from "../server/web/serve";

/** `npm run web`: the web process alone (npm start runs it with a worker). */
const config = loadConfig();
const logger = createLogger("web", config.logLevel);
try {
  const web = await serveWeb(config, logger, process.cwd());
  logger.info({ url: web.url }, "Specwave web is listening");
  // The supervisor reads this line to learn the URL.
  process.stdout.write(`SPECWAVE_WEB_READY ${web.url}\n`);
  onShutdown(logger, [["web", () => web.close()]]);
} catch (error) {
  logger.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
