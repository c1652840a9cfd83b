import type { Surface, SurfaceEndpoint } from '../review/surface.ts';

export type StartedSurfaces = {
  /** Where each started surface receives its platform's requests, named by surface. */
  endpoints: Array<SurfaceEndpoint & { surface: string }>;
  /** Stops every surface, the last started first; one that fails to stop does not keep the others running. */
  stop(): Promise<void>;
};

/**
 * Starts the surfaces one after another. When one fails, those already started and the one that failed (it may be
 * half-connected) are stopped and the error is thrown with its reason, so the console never half-runs.
 */
export async function startSurfaces(surfaces: ReadonlyArray<Surface>): Promise<StartedSurfaces> {
  const started: Surface[] = [];
  const endpoints: StartedSurfaces['endpoints'] = [];
  const stop = () => stopSurfaces([...started].reverse());
  for (const surface of surfaces) {
    started.push(surface);
    try {
      const { endpoint } = (await surface.start?.()) ?? {};
      if (endpoint) endpoints.push({ surface: surface.name, ...endpoint });
    } catch (error) {
      await stop().catch(() => undefined);
      throw error;
    }
  }
  return { endpoints, stop };
}

async function stopSurfaces(surfaces: ReadonlyArray<Surface>): Promise<void> {
  const failures: unknown[] = [];
  for (const surface of surfaces) await surface.stop?.().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw failures[0];
}
