import { expect, it } from "vitest";
import { groupCommit } from "./group-commit";

/** A statement that stays in flight until released, recording the groups it was given. */
function controlledStatement() {
  const groups: string[][] = [];
  const releases: ((fail?: Error) => void)[] = [];
  const run = (inputs: string[]) => {
    groups.push(inputs);
    return new Promise<string[]>((resolve, reject) => {
      releases.push((fail) => (fail ? reject(fail) : resolve(inputs.map((input) => `done ${input}`))));
    });
  };
  return { groups, run, release: (index: number, fail?: Error) => releases[index]?.(fail) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

it("sends a lone call at once and groups the calls that arrive while a statement is in flight", async () => {
  const statement = controlledStatement();
  const commit = groupCommit(statement.run, { key: (input) => input, max: 10, inFlight: 1 });
  const first = commit.submit("a");
  expect(statement.groups).toEqual([["a"]]);
  const later = [commit.submit("b"), commit.submit("c"), commit.submit("d")];
  expect(statement.groups).toHaveLength(1);
  statement.release(0);
  expect(await first).toBe("done a");
  await settle();
  expect(statement.groups).toEqual([["a"], ["b", "c", "d"]]);
  statement.release(1);
  expect(await Promise.all(later)).toEqual(["done b", "done c", "done d"]);
});

it("never puts two calls with the same key in one statement, and keeps to the group size", async () => {
  const statement = controlledStatement();
  const commit = groupCommit(statement.run, {
    key: (input) => input.split(":")[0] ?? input,
    max: 2,
    inFlight: 1,
  });
  const calls = ["x:1", "x:2", "y:1", "z:1"].map((input) => commit.submit(input));
  // "x:1" went alone; "x:2" and "y:1" fill the next group; "z:1" waits for the one after.
  statement.release(0);
  await settle();
  expect(statement.groups[1]).toEqual(["x:2", "y:1"]);
  statement.release(1);
  await settle();
  expect(statement.groups[2]).toEqual(["z:1"]);
  statement.release(2);
  expect(await Promise.all(calls)).toEqual(["done x:1", "done x:2", "done y:1", "done z:1"]);
});

it("fails exactly the calls of a failed statement and goes on with the next ones", async () => {
  const statement = controlledStatement();
  const commit = groupCommit(statement.run, { key: (input) => input, max: 10, inFlight: 2 });
  const first = commit.submit("a");
  const second = commit.submit("b");
  // Two statements may be in flight: both went at once.
  expect(statement.groups).toEqual([["a"], ["b"]]);
  const third = commit.submit("c");
  statement.release(0, new Error("connection lost"));
  await expect(first).rejects.toThrow("connection lost");
  await settle();
  expect(statement.groups[2]).toEqual(["c"]);
  statement.release(1);
  statement.release(2);
  expect(await second).toBe("done b");
  expect(await third).toBe("done c");
});
