import { HuiyingError } from '../config/huiying-error.ts';
import type { DraftingConfig } from '../config/load-config.ts';
import { parseRegionPath } from '../ingest/extract-region.ts';
import type { DraftProfile } from './draft-answer.ts';
import { loadGuidanceTable } from './guidance-table.ts';

/** The drafting profile from configuration: who signs, the guidance table, the office's region with its parents. */
export function draftProfileFromConfig(config: DraftingConfig): DraftProfile {
  const jurisdiction = config.jurisdiction ? parseRegionPath(config.jurisdiction.join('/')) : undefined;
  if (config.jurisdiction && !jurisdiction)
    throw new HuiyingError({
      code: 'config-invalid',
      message: `HUIYING_JURISDICTION=${config.jurisdiction.join('/')} is not a region: write each level with its suffix (浙江省/杭州市/建德市).`,
    });
  return {
    officeName: config.officeName,
    guidance: loadGuidanceTable(config.guidanceFile),
    ...(jurisdiction ? { jurisdiction } : {}),
  };
}
