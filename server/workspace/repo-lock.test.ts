import { describe, expect, it } from "vitest";
import { createInProcessRepoLock } from "./repo-lock";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("createInProcessRepoLock", () => {
  it("runs holders of the same key one at a time, in arrival order", async () => {
    const lock = createInProcessRepoLock();
    const events: string[] = [];
    let inside = 0;
    let maxInside = 0;
    const job = (name: string) =>
      lock.withLock("repo", async () => {
        inside++;
        maxInside = Math.max(maxInside, inside);
        events.push(`start ${name}`);
        await tick();
        events.push(`end ${name}`);
        inside--;
        return name;
      });
    const results = await Promise.all([job("a"), job("b"), job("c")]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(maxInside).toBe(1);
    expect(events).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("lets different keys run at the same time", async () => {
    const lock = createInProcessRepoLock();
    let inside = 0;
    let maxInside = 0;
    const job = (key: string) =>
      lock.withLock(key, async () => {
        inside++;
        maxInside = Math.max(maxInside, inside);
        await tick();
        inside--;
      });
    await Promise.all([job("one"), job("two"), job("three")]);
    expect(maxInside).toBe(3);
  });

  it("releases the lock when the holder throws", async () => {
    const lock = createInProcessRepoLock();
    await expect(
      lock.withLock("repo", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await expect(lock.withLock("repo", async () => "next")).resolves.toBe("next");
  });
});
