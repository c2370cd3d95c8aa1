import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";

/**
 * `npm start` records where its embedded database listens, so `npm run web` and extra
 * `npm run worker` processes started by hand find the same database without configuration.
 */
export interface RuntimeInfo {
  databaseUrl: string;
  pid: number;
}

const fileName = "runtime.json";

export async function writeRuntimeInfo(dataDir: string, info: RuntimeInfo): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(path.join(dataDir, fileName), `${JSON.stringify(info)}\n`, { mode: 0o600 });
}

export async function clearRuntimeInfo(dataDir: string): Promise<void> {
  await fs.rm(path.join(dataDir, fileName), { force: true });
}

export function readRuntimeInfo(dataDir: string): RuntimeInfo | undefined {
  const file = path.join(dataDir, fileName);
  if (!existsSync(file)) return undefined;
  try {
    const info = JSON.parse(readFileSync(file, "utf8")) as RuntimeInfo;
    // A file left by an `npm start` that is gone points at a database that is gone too.
    process.kill(info.pid, 0);
    return info;
  } catch {
    return undefined;
  }
}
