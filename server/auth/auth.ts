import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import type { SpecwaveConfig } from "../config/env";
import type { Db } from "../db/client";
import { announceAccessChange } from "./access-changes";

/**
 * Sign-in, sessions and password hashing are better-auth's (a maintained library with a Prisma
 * adapter): scrypt password hashes, signed HTTP-only session cookies, origin checks on its own
 * endpoints and a rate limiter shared through PostgreSQL. Specwave adds roles, tokens and the
 * audit log around it. Sign-up is closed: the first administrator is created by the first-run
 * page or `specwave admin create`, and administrators create everyone else.
 */
export const authBasePath = "/api/auth";
/** Set by the web process from the socket's address, replacing anything a client sent. */
export const clientIpHeader = "x-specwave-client-ip";

export interface AuthSettings {
  secret: string;
  baseURL: string;
  trustedOrigins: string[];
  secureCookies: boolean;
  signInLimitPerMinute: number;
}

export function createAuth(db: Db, settings: AuthSettings) {
  return betterAuth({
    appName: "Specwave",
    secret: settings.secret,
    baseURL: settings.baseURL,
    basePath: authBasePath,
    trustedOrigins: settings.trustedOrigins,
    database: prismaAdapter(db, { provider: "postgresql" }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, autoSignIn: false },
    user: { additionalFields: { isAdmin: { type: "boolean", defaultValue: false, input: false } } },
    session: { expiresIn: 7 * 24 * 3600, updateAge: 24 * 3600 },
    // Signing out ends the session everywhere: the pages still connected with it are cut off.
    databaseHooks: {
      session: {
        delete: {
          after: (session) => announceAccessChange(db, { userId: session.userId, sessionId: session.id }),
        },
      },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: { "/sign-in/email": { window: 60, max: settings.signInLimitPerMinute } },
    },
    advanced: {
      cookiePrefix: "specwave",
      useSecureCookies: settings.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      ipAddress: { ipAddressHeaders: [clientIpHeader] },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** The address people open, and the origins trusted for state-changing requests. */
export function publicOrigins(config: Pick<SpecwaveConfig, "publicUrl" | "host" | "port">): {
  baseURL: string;
  trusted: string[];
} {
  const loopback = ["127.0.0.1", "localhost", "::1", "0.0.0.0"].includes(config.host);
  const local = [`http://127.0.0.1:${config.port}`, `http://localhost:${config.port}`];
  const bound = loopback ? `http://127.0.0.1:${config.port}` : `http://${config.host}:${config.port}`;
  const baseURL = config.publicUrl ? new URL(config.publicUrl).origin : bound;
  const trusted = new Set([baseURL, bound, ...(loopback ? local : [])]);
  return { baseURL, trusted: [...trusted] };
}

/**
 * The secret that signs session cookies: SPECWAVE_AUTH_SECRET, or one created once in the
 * data folder (readable by its owner only) so that restarts keep people signed in.
 */
export function resolveAuthSecret(config: Pick<SpecwaveConfig, "authSecret" | "dataDir">): string {
  if (config.authSecret) return config.authSecret;
  const file = path.join(config.dataDir, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch {
      // Another process created it first: use theirs.
    }
    return readFileSync(file, "utf8").trim();
  }
}

export function authFromConfig(db: Db, config: SpecwaveConfig): Auth {
  const origins = publicOrigins(config);
  return createAuth(db, {
    secret: resolveAuthSecret(config),
    baseURL: origins.baseURL,
    trustedOrigins: origins.trusted,
    secureCookies: origins.baseURL.startsWith("https:"),
    signInLimitPerMinute: config.signInLimitPerMinute,
  });
}
