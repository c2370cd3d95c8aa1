/**
 * `--watch`: follows a run live from the same socket.io events the dashboard uses, printing a
 * progress bar per wave and items as they finish, until the run ends. Each event (and a reconnect
 * or resync) triggers a re-read of the run, and the printed lines are the difference between
 * two views, so a missed or repeated event can never print a wrong state. A slow poll backs the
 * socket up for the moments it is not connected.
 */
import { io as connect } from "socket.io-client";
import { decisionOutcomeSchema, runViewSchema } from "../web/schemas";
import type { ApiClient } from "./api-client";
import { ApiError, UnreachableError } from "./exit-codes";
import {
  approvalNeededLine,
  type CliRunView,
  isFinalRun,
  progressLines,
  waveAwaitingApproval,
} from "./format-run";
import type { CliIo } from "./io";

export interface WatchOptions {
  /** Print nothing on the way; the caller prints the final view as JSON. */
  quiet: boolean;
  /** Ask a person on a TTY to decide on waves awaiting approval. */
  promptForApproval: boolean;
  /** The safety-net poll's period. */
  pollMs?: number;
  /** How long the server may be unreachable (a restart) before the watch gives up. */
  outageMs?: number;
}

export function fetchRun(client: ApiClient, runId: string): Promise<CliRunView> {
  return client.json("GET", `/api/v1/runs/${encodeURIComponent(runId)}`, runViewSchema);
}

export async function watchRun(
  io: CliIo,
  client: ApiClient,
  runId: string,
  options: WatchOptions,
): Promise<CliRunView> {
  const say = (line: string) => {
    if (!options.quiet) io.stdout(`${line}\n`);
  };
  const socket = connect(client.baseUrl, {
    path: "/socket.io",
    transports: ["websocket"],
    extraHeaders: client.headers(),
    reconnectionDelayMax: 5_000,
  });

  let previous: CliRunView | undefined;
  /** Approval notices already shown, by wave and run status, so each is said once. */
  const announced = new Set<string>();
  let busy = false;
  let again = false;
  /** When the server stopped answering; a web restart should not end a watch. */
  let unreachableSince: number | undefined;

  return new Promise<CliRunView>((resolve, reject) => {
    let settled = false;
    const finish = (error: unknown, view?: CliRunView) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      socket.close();
      if (view) resolve(view);
      else reject(error);
    };

    // One refresh at a time; a burst of events while one runs makes exactly one more.
    const refresh = async (): Promise<void> => {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        do {
          again = false;
          const view = await fetchRun(client, runId);
          for (const line of progressLines(previous, view)) say(line);
          previous = view;
          if (isFinalRun(view.status)) return finish(undefined, view);
          if (phaseDone(view)) {
            // On stderr, like approval notices: stdout stays the run (or its JSON).
            io.stderr(
              `Stopped after wave ${(view.settings.stopAfterWave as number) + 1}, as --phase asked; \`specwave resume ${runId}\` runs the rest.\n`,
            );
            return finish(undefined, view);
          }
          await handleApproval(view);
        } while (again && !settled);
        unreachableSince = undefined;
      } catch (error) {
        const outage =
          error instanceof UnreachableError || (error instanceof ApiError && error.status === 503);
        if (!outage) return finish(error);
        unreachableSince ??= Date.now();
        if (Date.now() - unreachableSince > (options.outageMs ?? 120_000)) return finish(error);
        io.stderr(`specwave: ${error.message} Retrying ...\n`);
      } finally {
        busy = false;
      }
    };

    const handleApproval = async (view: CliRunView) => {
      const wave = waveAwaitingApproval(view);
      if (!wave || (view.status !== "awaiting_approval" && view.status !== "paused")) return;
      const key = `${wave.id}:${view.status}`;
      if (announced.has(key)) return;
      announced.add(key);
      if (view.status === "awaiting_approval" && options.promptForApproval && io.interactive && io.prompt) {
        const answer = (
          await io.prompt(
            `Wave ${wave.index + 1} (${wave.name}) is done. Continue with the next wave? [Y/n] `,
          )
        )
          .trim()
          .toLowerCase();
        const decision = answer === "n" || answer === "no" ? "pause" : "continue";
        await client.json(
          "POST",
          `/api/v1/runs/${encodeURIComponent(runId)}/approvals`,
          decisionOutcomeSchema,
          { waveIndex: wave.index, decision },
        );
        say(decision === "continue" ? `Approved wave ${wave.index + 1}.` : "Paused; waiting for a resume.");
        again = true;
        return;
      }
      // No one to ask here (CI, a pipe, --json): say what is needed and keep waiting for it.
      io.stderr(`${approvalNeededLine(view, wave)} Waiting ...\n`);
    };

    const poll = setInterval(() => void refresh(), options.pollMs ?? 5_000);
    socket.on("connect", () => {
      socket.emit("run:subscribe", { runId }, (ack: { ok: boolean; error?: string }) => {
        if (!ack.ok) io.stderr(`specwave: live updates unavailable (${ack.error ?? "refused"}); polling.\n`);
        // Read after subscribing, so nothing between the read and the first event is missed.
        void refresh();
      });
    });
    socket.on("run:event", () => void refresh());
    socket.on("run:resync", () => void refresh());
    void refresh();
  });
}

/** The run paused where `--phase` (settings.stopAfterWave) asked it to: the watch is over. */
export function phaseDone(view: CliRunView): boolean {
  const stopAfter = view.settings.stopAfterWave;
  return (
    view.status === "paused" &&
    typeof stopAfter === "number" &&
    waveAwaitingApproval(view)?.index === stopAfter
  );
}
