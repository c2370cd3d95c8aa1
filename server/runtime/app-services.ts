import "server-only";
import { type Auth, authFromConfig } from "../auth/auth";
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

const authHolder = globalThis as unknown as { specwaveAuth?: Promise<Auth> };

/** The web process's better-auth instance over the shared database. */
export function appAuth(): Promise<Auth> {
  authHolder.specwaveAuth ??= appServices()
    .then((services) => authFromConfig(services.db, loadConfig()))
    .catch((error) => {
      authHolder.specwaveAuth = undefined;
      throw error;
    });
  return authHolder.specwaveAuth;
}
