import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const PRODUCT = [
  'cli',
  'evaluation',
  'console',
  'bot',
  'review',
  'drafting',
  'triage',
  'prompts',
  'retrieval',
  'ingest',
];
PRODUCT.push('embed', 'providers', 'audit', 'privacy', 'text', 'db', 'config');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

// Spreading an array into a call passes every element as an argument on the stack: past about 125,000 elements
// Node throws "Maximum call stack size exceeded" (a 40 MB page's 300,000 passages did, in chunks.push(...)).
function spreadsIntoCalls(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.some(ts.isSpreadElement)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${relative(ROOT, path)}:${line + 1}: ${node.getText().split('\n')[0]}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('product code', () => {
  it('spreads no array into a function call (push(...), Math.max(...)), whatever its size', () => {
    const found = PRODUCT.flatMap((folder) => sourceFiles(join(ROOT, folder))).flatMap(spreadsIntoCalls);
    expect(found).toEqual([]);
  });
});
