import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./env";

describe("parseConfig", () => {
  it("defaults to the embedded profile on localhost", () => {
    const config = parseConfig({}, "/srv/specwave");
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.host).toBe("127.0.0.1");
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe("/srv/specwave/.specwave");
    expect(config.concurrency).toBe(10);
  });

  it("treats empty values as unset and reads ranges", () => {
    const config = parseConfig({ DATABASE_URL: "", SPECWAVE_DEMO_AGENT_MS: "100-300", PORT: "8080" });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.demoAgentMs).toEqual({ min: 100, max: 300 });
    expect(config.port).toBe(8080);
  });

  it("names every invalid setting", () => {
    expect(() => parseConfig({ DATABASE_URL: "not a url", SPECWAVE_CONCURRENCY: "50" })).toThrowError(
      ConfigError,
    );
    try {
      parseConfig({ DATABASE_URL: "not a url", SPECWAVE_CONCURRENCY: "50" });
    } catch (error) {
      expect((error as ConfigError).problems.join(" ")).toMatch(
        /DATABASE_URL.*SPECWAVE_CONCURRENCY|SPECWAVE_CONCURRENCY.*DATABASE_URL/,
      );
    }
  });
});
