import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../config/package-root.ts';

// Folders that hold no product code.
const NOT_CODE = new Set(['node_modules', 'dist', 'data', 'samples', 'test', 'coverage']);

function layersInRules(): string[] {
  const rules = readFileSync(join(PACKAGE_ROOT, '.dependency-cruiser.cjs'), 'utf8');
  const list = /const LAYERS = \[([\s\S]*?)\];/.exec(rules)?.[1] ?? '';
  return [...list.matchAll(/^\s*'([a-z-]+)'/gm)].map((match) => match[1]!);
}

function holdsTypeScript(directory: string): boolean {
  return readdirSync(directory, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? holdsTypeScript(join(directory, entry.name)) : entry.name.endsWith('.ts'),
  );
}

describe('the layout', () => {
  it('has at most 17 code folders, each a layer of the import rules (.dependency-cruiser.cjs)', () => {
    const folders = readdirSync(PACKAGE_ROOT, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !NOT_CODE.has(entry.name))
      .filter((entry) => holdsTypeScript(join(PACKAGE_ROOT, entry.name)))
      .map((entry) => entry.name);
    const layers = layersInRules();
    expect(layers.length).toBeLessThanOrEqual(17);
    expect(new Set(folders)).toEqual(new Set(layers));
    for (const stage of ['bot', 'review', 'drafting', 'retrieval', 'ingest', 'db', 'prompts'])
      expect(folders).toContain(stage);
  });
});
