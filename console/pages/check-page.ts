import type { SentenceProblem, SentenceStatus } from '../../drafting/check-sentence.ts';
import type { CheckedSentence, StatementCheck } from '../../drafting/check-statement.ts';
import { html, type SafeHtml } from '../html.ts';

const STATUS_LABELS: Record<SentenceStatus, string> = {
  supported: '有依据',
  mismatch: '与依据不符',
  unsupported: '未找到依据',
};
const KIND_LABELS: Record<SentenceProblem['kind'], string> = {
  number: '数字',
  date: '日期',
  'document-number': '文号',
  article: '条款',
  'law-name': '文件名称',
  contact: '联系方式',
  negation: '肯定与否定',
  'no-source': '依据',
};

/** 核稿: paste a statement; each sentence comes back coloured by its status, its source one click away. */
export function checkPage(options: { csrfToken: string; statement?: string; result?: StatementCheck }): SafeHtml {
  const { result } = options;
  const note = html`<p class="muted">逐句检索知识库（现行有效文件），核对每句中的数字、金额、日期、期限、文号、条款、文件名称和联系方式是否与依据原文一致（全角与中文数字按同一写法比较），肯定与否定是否与依据相反。换一种说法改变了主体、条件或范围的，本工具看不出，须由人工判断。</p>`;
  const form = html`<form method="post" action="/check" class="card">
<input type="hidden" name="csrf" value="${options.csrfToken}">
<p><label for="statement">待核对的文稿（新闻稿、回应口径、答复函等）</label><br><textarea id="statement" name="statement" required maxlength="20000">${options.statement ?? ''}</textarea></p>
<button type="submit" id="run-check">核稿</button>
</form>`;
  return html`${note}${form}${result ? resultSection(options.statement ?? '', result) : ''}`;
}

function resultSection(statement: string, result: StatementCheck): SafeHtml {
  const count = (status: SentenceStatus) => result.sentences.filter((sentence) => sentence.status === status).length;
  const summary = html`<p id="check-summary" class="${count('supported') === result.sentences.length ? 'notice' : 'error'}">共 ${result.sentences.length} 句：${count('supported')} 句有依据，${count('mismatch')} 句与依据不符，${count('unsupported')} 句未找到依据。</p>`;
  return html`<h2>核对结果</h2>${summary}
<div class="card checked-statement" id="checked-statement">${markedStatement(statement, result.sentences)}</div>
<table id="check-details"><thead><tr><th>句</th><th>结果</th><th>句子与问题</th><th>依据</th></tr></thead><tbody>
${result.sentences.map(detailRow)}
</tbody></table>`;
}

// The statement as written, each sentence coloured by its status and linked to the passage it was checked against.
function markedStatement(statement: string, sentences: ReadonlyArray<CheckedSentence>): SafeHtml[] {
  const parts: SafeHtml[] = [];
  let cursor = 0;
  sentences.forEach((sentence, index) => {
    parts.push(gap(statement.slice(cursor, sentence.start)));
    const title = `${statusOf(sentence)}${sentence.citations[0] ? `：${sentence.citations[0].citation}` : ''}`;
    const className = `check-sentence check-${sentence.status}`;
    const citation = sentence.citations[0];
    parts.push(
      citation
        ? html`<a class="${className}" id="sentence-${index + 1}" href="/sources/${citation.chunkId}#passage" title="${title}">${sentence.text}</a>`
        : html`<span class="${className}" id="sentence-${index + 1}" title="${title}">${sentence.text}</span>`,
    );
    parts.push(html`<a class="check-marker" href="#check-${index + 1}">${index + 1}</a>`);
    cursor = sentence.end;
  });
  parts.push(gap(statement.slice(cursor)));
  return parts;
}

function gap(text: string): SafeHtml {
  return html`${text.split('\n').map((line, index) => (index === 0 ? html`${line}` : html`<br>${line}`))}`;
}

function detailRow(sentence: CheckedSentence, index: number): SafeHtml {
  const problems = sentence.problems.map((problem) => html`<li>${describeProblem(problem)}</li>`);
  const sources = sentence.citations.map(
    (citation) =>
      html`<a href="/sources/${citation.chunkId}#passage">${citation.citation}</a><br><span class="muted">${sentence.status === 'unsupported' ? '最接近的段落（不足以支持）：' : ''}${citation.quote}</span>`,
  );
  return html`<tr id="check-${index + 1}" class="check-${sentence.status}"><td>${index + 1}</td><td>${statusOf(sentence)}</td><td>${sentence.text}${problems.length > 0 ? html`<ul class="problems">${problems}</ul>` : ''}</td><td>${sources}</td></tr>`;
}

function statusOf(sentence: CheckedSentence): string {
  return sentence.formula ? '礼貌用语，无需依据' : STATUS_LABELS[sentence.status];
}

/** A problem as the person checking reads it: what the sentence says and, when known, what the source says. */
export function describeProblem(problem: SentenceProblem): string {
  if (problem.kind === 'no-source') return '知识库中没有与这句话相符的段落。';
  if (problem.kind === 'negation') return `与依据意思相反：「${problem.text}」，依据为「${problem.expected ?? ''}」。`;
  if (problem.kind === 'contact') return `联系方式「${problem.text}」不见于依据，也不是本单位公布的联系方式。`;
  const expected = problem.expected ? `，依据为「${problem.expected}」` : '';
  return `${KIND_LABELS[problem.kind]}「${problem.text}」不见于依据${expected}。`;
}
