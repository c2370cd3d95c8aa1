// The npm registry Specwave's machines reach serves only the linux-x64 builds of packages that
// ship one binary package per platform (Biome, Next's SWC, Tailwind's oxide, Rollup, ...), so npm
// cannot write lock entries for the other platforms, and `npm ci` then refuses the lock as out of
// sync. This adds those entries with the platform fields their names state, exactly what npm
// would write; on any machine npm then skips them as not for its platform.
// Run after `npm install`: `node scripts/lockfile-platforms.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;

const platform = (name) => {
  const tail = name.split("/").pop() ?? name;
  const os = [
    "android",
    "darwin",
    "freebsd",
    "linux",
    "openbsd",
    "sunos",
    "aix",
    "netbsd",
    "openharmony",
    "win32",
    "wasi",
    "wasm32",
  ].find((candidate) => new RegExp(`(^|-)${candidate}(-|$)`).test(tail));
  const cpu = [
    "arm64",
    "x64",
    "ia32",
    "arm",
    "loong64",
    "ppc64",
    "riscv64",
    "s390x",
    "mips64el",
    "wasm32",
  ].find((candidate) =>
    new RegExp(`(^|-)${candidate}(-|$)|(^|-)${candidate}(gnueabihf|eabi|musleabihf)`).test(tail),
  );
  const libc = /musl/.test(tail) ? "musl" : /-gnu|gnueabihf/.test(tail) ? "glibc" : undefined;
  return { os, cpu, libc };
};

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ""}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const { os, cpu, libc } = platform(name);
    if (!os && !cpu) continue; // not a platform package: leave it to npm
    packages[`node_modules/${name}`] = {
      version: String(range).replace(/^[\^~=]/, ""),
      cpu: cpu ? [cpu === "wasm32" ? "wasm32" : cpu] : undefined,
      license: entry.license,
      optional: true,
      os: os && os !== "wasm32" && os !== "wasi" ? [os] : undefined,
      libc: libc ? [libc] : undefined,
      ...(entry.dev ? { dev: true } : {}),
    };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile-platforms: added ${added} entries for other platforms`);
