/**
 * Resolves once `check()` holds, polling every 10 ms; rejects after `timeoutMs` naming `what`.
 * The deadline is generous on purpose: it only bounds a failing spec, and a loaded machine may be
 * slow. E.g. `await until(() => server.sessionCount === 0, 'the session to end')`.
 */
export async function until(check: () => boolean, what = 'condition', timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
