import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The Prisma CLI's own configuration (the one place outside server/config that sees the
// environment): Prisma 6.19 runs migrations through this driver adapter, because its native
// schema engine cannot be downloaded on Specwave's machines (see docs/toolchain notes).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "" });
  },
});
