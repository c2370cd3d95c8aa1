/**
 * Group commit for the statements a worker makes for every step. While a statement of one kind
 * is in flight, the calls that arrive meanwhile wait and then go together in the next one: under
 * load each statement carries many steps, so PostgreSQL plans, commits and announces once for all
 * of them; with nothing else in flight, a call goes out at once, as it would alone.
 */
export interface GroupCommit<In, Out> {
  submit(input: In): Promise<Out>;
}

interface Waiting<In, Out> {
  input: In;
  resolve: (output: Out) => void;
  reject: (error: unknown) => void;
}

export function groupCommit<In, Out>(
  /** One statement for the whole group; its outputs in the order of its inputs. */
  run: (inputs: In[]) => Promise<Out[]>,
  options: {
    /** Two calls with the same key never share a statement (a step claimed twice goes in turn). */
    key: (input: In) => string;
    /** The most calls one statement carries. */
    max: number;
    /** How many statements of this kind may be in flight at once. */
    inFlight: number;
  },
): GroupCommit<In, Out> {
  const waiting: Waiting<In, Out>[] = [];
  let running = 0;

  const next = (): Waiting<In, Out>[] => {
    const group: Waiting<In, Out>[] = [];
    const keys = new Set<string>();
    for (let index = 0; index < waiting.length && group.length < options.max; ) {
      const call = waiting[index] as Waiting<In, Out>;
      const key = options.key(call.input);
      if (keys.has(key)) {
        index++;
        continue;
      }
      keys.add(key);
      group.push(call);
      waiting.splice(index, 1);
    }
    return group;
  };

  const pump = () => {
    while (running < options.inFlight && waiting.length > 0) {
      const group = next();
      running++;
      run(group.map((call) => call.input))
        .then(
          (outputs) => {
            group.forEach((call, index) => {
              call.resolve(outputs[index] as Out);
            });
          },
          (error: unknown) => {
            for (const call of group) call.reject(error);
          },
        )
        .finally(() => {
          running--;
          pump();
        });
    }
  };

  return {
    submit(input) {
      return new Promise<Out>((resolve, reject) => {
        waiting.push({ input, resolve, reject });
        pump();
      });
    },
  };
}
