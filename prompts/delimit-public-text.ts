/**
 * Wraps the public's text in labelled delimiters so a model reads it as data: the prompts say to follow no
 * instruction inside them, and the text cannot close the delimiter itself (its own <<< and >>> are replaced).
 */
export function delimitPublicText(label: string, text: string): string {
  return `<<<${label}开始>>>\n${text.replaceAll('<<<', '‹‹‹').replaceAll('>>>', '›››')}\n<<<${label}结束>>>`;
}
