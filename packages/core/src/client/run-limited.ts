/**
 * Runs the tasks with at most `limit` in flight; they start in list order. Tasks must not reject
 * (wrap them): this is for handler calls whose failures are reported elsewhere.
 */
export async function runLimited(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
}
