import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGuidanceTable, routeQuestion } from '../../drafting/guidance-table.ts';
import { fixtureFolder } from '../support/fixture-folder.ts';

const LABELLED = join(import.meta.dirname, '..', 'fixtures', 'routing-questions.jsonl');

describe('routing a question to the department in charge (谁主管谁负责)', () => {
  const table = loadGuidanceTable();
  const questions = readFileSync(LABELLED, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { question: string; department: string });

  it('sends a school-enrolment question to the education department, not to 政务服务管理部门', () => {
    expect(routeQuestion('孩子明年上小学，学区怎么划分，什么时候报名？', table)?.department).toBe('教育部门');
    expect(routeQuestion('孩子入学需要办理哪些证明？', table)?.department).toBe('教育部门');
  });

  it('routes at least nine in ten of a labelled set of questions for 24 departments to the right department', () => {
    expect(questions.length).toBeGreaterThanOrEqual(60);
    expect(new Set(questions.map((question) => question.department)).size).toBeGreaterThanOrEqual(20);
    const right = questions.filter(
      (question) => routeQuestion(question.question, table)?.department === question.department,
    );
    expect(right.length / questions.length).toBeGreaterThanOrEqual(0.9);
  });

  it('names no department when no topic fits, rather than guessing', () => {
    expect(routeQuestion('今天天气怎么样？', table)).toBeUndefined();
  });

  it('reads an office table instead of the shipped one, and refuses a malformed table with what to fix', () => {
    const folder = fixtureFolder();
    try {
      const own = folder.write(
        'guidance.json',
        JSON.stringify([
          { topic: '停车', words: ['停车'], department: '青禾市停车管理中心', guidance: '请拨打停车服务热线。' },
        ]),
      );
      expect(routeQuestion('停车收费多少？', loadGuidanceTable(own))).toMatchObject({
        department: '青禾市停车管理中心',
      });
      const bad = folder.write('bad.json', JSON.stringify([{ topic: '停车', words: [] }]));
      expect(() => loadGuidanceTable(bad)).toThrow(
        /invalid at 0\.words.*topic, words \(a list\), department and guidance/,
      );
      writeFileSync(folder.path('broken.json'), '{');
      expect(() => loadGuidanceTable(folder.path('broken.json'))).toThrow(/HUIYING_GUIDANCE_FILE/);
    } finally {
      folder.remove();
    }
  });
});
