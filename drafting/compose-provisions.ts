import type { DraftPassage, DraftRequest, ModelDraft } from './chat-model.ts';
import { quoteProvision } from './quote-provision.ts';
import { provisionLimit, statementsOf } from './select-provisions.ts';

/**
 * A passage with how a reply introduces its quote: 根据《title》（文号）第X条规定 for a provision, 《title》载明 for
 * other text (an FAQ, a notice, a report).
 */
export type ProvisionPassage = DraftPassage & { attribution?: string };

// A provision is quoted only when it matches the question at least this well relative to the best one, so a reply
// does not pad itself with provisions that merely share a word.
const RELATIVE_MATCH = 0.3;
const RANK_DECAY = 0.15;
// A statute's purpose clause (为了……，制定本办法) and commencement clause (本办法自……起施行) answer a question only
// when it asks about them.
const PURPOSE_OR_COMMENCEMENT =
  /^第[零〇一二两三四五六七八九十百千\d]+条\s*(为了?.{0,200}制定本|本(法|条例|办法|规定|细则|决定)自.{0,40}(起)?施行)/;
const ASKS_ABOUT_PURPOSE_OR_COMMENCEMENT = /目的|宗旨|为什么制定|施行|生效|实施日期|何时起|什么时候起/;

/**
 * The offline composer: it writes nothing of its own. Of the passages it was given (already de-duplicated and ordered
 * by drafting/select-provisions.ts), the three (or as many as the question asks for) that match the question best
 * are quoted, in the order given, as official replies cite law:
 * 根据《中华人民共和国劳动合同法》第三十八条规定：“……”。 one provision per sentence, each citing its passage. The
 * opening, 办理指引, closing and 落款 are added around it by the frame (drafting/frame-draft.ts), as for a model.
 */
export function composeProvisions(request: DraftRequest): ModelDraft {
  const asksAboutFrame = ASKS_ABOUT_PURPOSE_OR_COMMENCEMENT.test(request.question);
  const rankOf = new Map(request.passages.map((passage, index) => [passage.id, index]));
  // Search knows relevance better than word overlap does: a passage further down needs a clearly better match.
  const rankedScore = (item: { passage: ProvisionPassage; score: number }) =>
    item.score - RANK_DECAY * rankOf.get(item.passage.id)!;
  const quoted = request.passages
    .filter((passage) => asksAboutFrame || !PURPOSE_OR_COMMENCEMENT.test(passage.text))
    .map((passage) => ({
      passage: passage as ProvisionPassage,
      ...quoteProvision({ text: passage.text, question: request.question }),
    }));
  const best = quoted.reduce((most, item) => Math.max(most, item.score), 0);
  if (best === 0)
    return { sentences: [], escalationReasons: ['no retrieved provision shares words with the question'] };
  // The best-matching provisions, kept in the order given (national first, then by rank). A quote that says again
  // what a better one already quotes (an article's clause in another article, a law quoted in a news report) is
  // left out, and the next best takes its place.
  const chosen = new Set<(typeof quoted)[number]>();
  const said = new Set<string>();
  for (const item of quoted
    .filter((item) => item.score >= best * RELATIVE_MATCH && item.quote !== '')
    .sort((left, right) => rankedScore(right) - rankedScore(left))) {
    if (chosen.size >= provisionLimit(request.question)) break;
    const statements = [...statementsOf(item.quote, 6)];
    if (statements.some((statement) => said.has(statement))) continue;
    statements.forEach((statement) => said.add(statement));
    chosen.add(item);
  }
  const sentences = quoted
    .filter((item) => chosen.has(item))
    .map((item) => ({ text: attributed(item.passage, item.quote), citations: [item.passage.id] }));
  return { sentences, escalationReasons: [] };
}

function attributed(passage: ProvisionPassage, quote: string): string {
  const source = passage.attribution ?? `根据${passage.citation}规定`;
  // A quote that ends its statement keeps its own full stop inside the quotation marks.
  const close = /[。！？]$/.test(quote) ? '”' : '”。';
  return `${source}：“${quote}${close}`;
}
