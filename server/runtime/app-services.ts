import "server-only";
import { loadConfig } from "../config/env";
import { connectServices, type Services } from "./services";

/**
 * The services the route handlers share within the web process, created on first use. Kept on
 * globalThis so that Next's module reloading in development does not open a pool per reload.
 */
const holder = globalThis as unknown as { specwaveServices?: Promise<Services> };

export function appServices(): Promise<Services> {
  holder.specwaveServices ??= connectServices(loadConfig()).catch((error) => {
    holder.specwaveServices = undefined;
    throw error;
  });
  return holder.specwaveServices;
}

export function appConfig() {
  return loadConfig();
}
