// Site furniture that government CMSs wrap around a document. Each pattern matches a whole line.
const DROP_LINE = [
  /^快捷搜索/,
  /^当前位置/,
  /^您(现在)?的位置/,
  /^>?\s*(首页|网站首页)\s*>/,
  /^首页$/,
  // Breadcrumbs: 政府信息公开>四坝镇>政府信息公开年报>2017
  /^>?[^>。，]{1,20}(>[^>。，]{1,20}){2,}$/,
  /扫一扫在手机(上)?打开当前页/,
  /^Produced By/i,
  /^(【|\[)?\s*字体\s*[:：]?\s*(【|\[)?\s*大\s*(】|\])?\s*(【|\[)?\s*中/,
  /^(【|\[)?\s*(打印本页|打印|关闭窗口|关闭|收藏|返回顶部|保存本页)\s*(】|\])?(\s*(【|\[)?\s*(打印本页|打印|关闭窗口|关闭|收藏|返回顶部)\s*(】|\])?)*$/,
  /^分享(到)?\s*[:：]?/,
  /^(上一篇|下一篇)\s*[:：]/,
  /^(浏览次数|访问量|阅读次数|点击数)\s*[:：]/,
  /^(版权所有|主办单位|承办单位|技术支持|网站标识码|网站地图|联系我们)/,
  /(ICP备|公网安备)\s*\d*/,
  /^相关(链接|文章|阅读|新闻)\s*[:：]?$/,
];

// Everything after one of these lines is a "related articles" list or page footer, not the document.
const CUT_FROM = [/^您可能还会对下面的文章感兴趣/, /^相关文章推荐/, /^猜你喜欢/, /^【?相关阅读】?$/];

/** Removes navigation, share bars, page counters and footers around a government document's text. */
export function stripBoilerplate(text: string): string {
  const lines = text.split('\n');
  const cut = lines.findIndex((line) => CUT_FROM.some((pattern) => pattern.test(line.trim())));
  const kept = (cut >= 0 ? lines.slice(0, cut) : lines)
    .map((line) => stripInlineFurniture(line))
    .filter((line, index) => !DROP_LINE.some((pattern) => pattern.test(line.trim())) && !(index < 3 && isTeaser(line)));
  return dropRepeatedTitle(kept).join('\n');
}

// A search-result teaser ("…工作总结如下,...") printed above the page: long and cut off with an ellipsis.
function isTeaser(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length > 50 && /(\.\.\.|…)$/.test(trimmed);
}

// "信息来源: X 发布日期: Y 浏览次数:" keeps its metadata but loses the counter.
function stripInlineFurniture(line: string): string {
  // Some CMSs export headings as quoted lines ("> 一、…").
  return line
    .replace(/^>\s*(?=\S)(?![^>]*>)/, '')
    .replace(/\s*(浏览次数|访问量|阅读次数|点击数)\s*[:：]\s*\d*\s*$/, '');
}

// Page templates often print the title twice (page header and article header): keep the first.
function dropRepeatedTitle(lines: string[]): string[] {
  const seen = new Set<string>();
  return lines.filter((line, index) => {
    const key = line.trim();
    if (index > 40 || key.length < 6 || key.length > 60) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
