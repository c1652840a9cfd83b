import { splitSentences } from '../text/split-sentences.ts';
import type { DraftSentence } from './draft-types.ts';
import { segment } from '../text/segmenter.ts';
import type { ChatModel, DraftAudience, DraftRequest, ModelDraft } from './chat-model.ts';

const FORMULAS: Record<DraftAudience, { opening?: string; closing?: string; sentences: number }> = {
  citizen: {
    opening: '您好！感谢您的来信。经查询，现将有关规定答复如下：',
    closing: '如需进一步了解，欢迎继续咨询。感谢您对我们工作的关注和支持。',
    sentences: 3,
  },
  spokesperson: {
    opening: '关于社会关注的有关情况，现说明如下：',
    closing: '后续情况将通过权威渠道及时发布。',
    sentences: 4,
  },
  staff: { sentences: 4 },
};
// Passages further down the ranking contribute only if their sentences match much better.
const RANK_DECAY = 0.15;
const MAX_SENTENCES_PER_PASSAGE = 2;

/**
 * The offline drafter: it writes nothing of its own. It picks the sentences of the retrieved passages that share the
 * most words with the question, keeps them in ranking order, cites each one, and wraps them in the standard opening
 * and closing of an official reply for the audience.
 */
export class ExtractiveDrafter implements ChatModel {
  readonly id = 'extractive-v1';

  async draft(request: DraftRequest): Promise<ModelDraft> {
    const questionTerms = new Set(segment(request.question));
    const candidates = request.passages.flatMap((passage, rank) =>
      splitSentences(passage.text).map((text, position) => {
        const terms = new Set(segment(text));
        const shared = [...questionTerms].filter((term) => terms.has(term)).length;
        return {
          text,
          passageId: passage.id,
          rank,
          position,
          score: shared / Math.sqrt(Math.max(terms.size, 1)) - rank * RANK_DECAY,
        };
      }),
    );
    const formula = FORMULAS[request.audience];
    const perPassage = new Map<number, number>();
    const chosen = candidates
      .filter((candidate) => candidate.score > 0)
      .sort((left, right) => right.score - left.score)
      .filter((candidate) => {
        const count = perPassage.get(candidate.passageId) ?? 0;
        if (count >= MAX_SENTENCES_PER_PASSAGE) return false;
        perPassage.set(candidate.passageId, count + 1);
        return true;
      })
      .slice(0, formula.sentences)
      .sort((left, right) => left.rank - right.rank || left.position - right.position);
    const sentences: DraftSentence[] = chosen.map((candidate) => ({
      text: candidate.text,
      citations: [candidate.passageId],
    }));
    if (sentences.length === 0)
      return { sentences: [], escalationReasons: ['no retrieved sentence shares words with the question'] };
    return {
      sentences: [
        ...(formula.opening ? [{ text: formula.opening, citations: [], formula: true }] : []),
        ...sentences,
        ...(formula.closing ? [{ text: formula.closing, citations: [], formula: true }] : []),
      ],
      escalationReasons: [],
    };
  }
}
