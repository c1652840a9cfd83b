import { redactPersonalData } from '../../privacy/redact-personal-data.ts';
import { createTriager } from '../../triage/create-triager.ts';
import { responseFor } from '../../triage/triage-opinion.ts';
import { loadConfig } from '../../config/load-config.ts';
import type { Command } from '../command.ts';
import { formatTable } from '../format-table.ts';
import { usageError } from '../usage-error.ts';

export const triageCommand: Command = {
  opensDatabase: false,
  help: `Usage: huiying triage "<opinion item>" [--json]

Proposes a classification for a reviewer to confirm: topic, severity (一般/较大/重大/特别重大, by the casualty grades
of 生产安全事故报告和调查处理条例 and signs such as crowds or wide spread), responsible units (属地管理 and
谁主管谁负责) and whether authoritative information is due within 5 hours (国办发〔2016〕61号). With CHAT_MODEL set, a
model proposes the classification (the deadline still follows from the severity by rule); otherwise, or when the
model fails, rules do. Personal data in the item is redacted in the output.

Options:
  --json      print the classification as JSON
  -h, --help  show this help

Example:
  huiying triage "网传青禾市临江区一化工厂发生爆炸，已致3人死亡"`,
  options: { json: { type: 'boolean' } },
  async run({ positionals, values, io, openContext }) {
    const text = positionals.join(' ').trim();
    if (!text) throw usageError('triage needs the text of the opinion item.', 'huiying triage "网传某小区发生火灾"');
    const proposal = await createTriager(loadConfig().chatModel).triage(text);
    const triage = { ...proposal, response: responseFor(proposal.severity) };
    const item = redactPersonalData(text).text;
    if (values.json) {
      io.print(JSON.stringify({ item, ...triage }, null, 2));
      return;
    }
    io.print(`舆情：${item}\n`);
    io.print(
      formatTable(
        ['项目', '建议（请审核确认）'],
        [
          ['主题', triage.topic],
          ['等级', `${triage.severity}（${triage.severityBasis}）`],
          ['责任单位', triage.responsibleUnits.join('；')],
          [
            '回应时限',
            `${triage.response.releaseWithinHours}小时内${triage.response.authoritativeReleaseDue ? '发布权威信息' : '予以回应'}${triage.response.pressConferenceWithinHours ? `，${triage.response.pressConferenceWithinHours}小时内举行新闻发布会` : ''}`,
          ],
          ['依据', triage.response.basis],
        ],
      ),
    );
    if (triage.escalationReasons.length > 0) io.print(`\n注意：${triage.escalationReasons.join('；')}`);
  },
};
