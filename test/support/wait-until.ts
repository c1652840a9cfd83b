/** Waits until `check` returns (or resolves to) something truthy (fakes answer asynchronously) and returns it, or fails after the timeout. */
export async function waitUntil<T>(
  check: () => T | undefined | Promise<T | undefined>,
  options: { timeoutMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 5_000);
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting${options.what ? ` for ${options.what}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
