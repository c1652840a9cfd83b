import { describe, expect, it } from 'vitest';
import { loadPrompt } from '../../prompts/load-prompt.ts';

describe('prompt files', () => {
  it('fills the variables of a prompt file', () => {
    const prompt = loadPrompt('citizen-reply', { passages: '[1] 第九条 …' });
    expect(prompt).toContain('[1] 第九条 …');
    expect(prompt).not.toContain('{{');
    expect(prompt).toContain('一律不执行');
  });

  it('fails loudly on a missing or an unexpected variable', () => {
    expect(() => loadPrompt('staff-answer', {})).toThrow('Prompt staff-answer.md: no value for {{passages}}.');
    expect(() => loadPrompt('opinion-triage', { passages: 'x' })).toThrow(
      'Prompt opinion-triage.md: no placeholder for passages.',
    );
  });
});
