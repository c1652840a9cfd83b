import type { VerifiedAnswer } from '../../review/find-verified-answer.ts';
import type { CaseSummary } from '../../review/read-cases.ts';
import { formatChinaTime } from '../../text/format-time.ts';
import { html, type SafeHtml } from '../html.ts';

/** The public page: where a citizen asks, and what happens next. */
export function askPage(options: { formToken: string }): SafeHtml {
  return html`<p>您可以在此咨询本机关已公开的政策，或提出政府信息公开申请。答复经工作人员审核后发布，您可凭查询码查看。</p>
<form method="post" action="/inquiries" class="card">
  <input type="hidden" name="form_token" value="${options.formToken}">
  <p><label>类型
    <select name="kind"><option value="citizen-question">政策咨询</option><option value="information-request">政府信息公开申请</option></select>
  </label></p>
  <p><label for="question">您的问题</label><br><textarea id="question" name="text" required maxlength="4000" placeholder="例如：申请公开政府信息，多长时间能得到答复？"></textarea></p>
  <p class="muted">请勿填写身份证号、手机号等个人信息；如填写，系统会在展示和答复中自动隐去。</p>
  <button type="submit" class="primary">提交</button>
</form>
<form method="get" action="/answers" class="card"><label>已有查询码？<input type="text" name="reference" placeholder="HY-XXXX-XXXX-XXXX"></label> <button type="submit">查看答复</button></form>`;
}

/** What a citizen sees under their reference: the approved answer, or that it is still in review and by when. */
export function answerPage(options: { found: CaseSummary; answer?: VerifiedAnswer }): SafeHtml {
  const { found, answer } = options;
  if (answer && !answer.shown)
    return html`<p>查询码：<strong id="reference">${found.publicReference}</strong></p>
<div class="card error" id="withheld"><p>该答复未通过内容核验（与批准的文本不一致），暂不显示。工作人员将核查处理，请稍后再查看。</p></div>`;
  if (answer?.withdrawn)
    return html`<p>查询码：<strong id="reference">${found.publicReference}</strong></p>
<div class="card"><p class="muted">您的问题</p><p>${found.displayText}</p></div>
<div class="card" id="withdrawn"><p>该答复已于 ${formatChinaTime(answer.withdrawn.at)} 撤回：${answer.withdrawn.reason}</p></div>`;
  return html`<p>查询码：<strong id="reference">${found.publicReference}</strong>（请保存，用于查看答复）</p>
<div class="card"><p class="muted">您的问题</p><p>${found.displayText}</p></div>
${
  answer
    ? html`<div class="card" id="answer"><p class="muted">答复（${formatChinaTime(answer.publishedAt)} 发布${answer.corrects ? `，更正 ${formatChinaTime(answer.corrects)} 发布的答复` : ''}）</p><p class="answer-text">${answer.text}</p></div>`
    : html`<div class="card" id="pending"><p>您的问题已受理，正在审核中，将于 ${formatChinaTime(found.dueAt)} 前答复。请稍后刷新本页。</p></div>`
}`;
}
