import { GAZETTEER, SHORT_NAMES } from './region-gazetteer.ts';

// A place name as issuers write them: 青禾市, 门头沟区, 建德市, 浦东新区, 长阳土家族自治县. Two to four characters
// before a plain suffix (so that 市场, 城市 and 国家税务总局四川省 are not places), up to ten before 自治….
const PLACE_AT_START =
  /^([\p{Script=Han}]{2,10}?(?:特别行政区|自治区|自治州|自治县|自治旗)|[\p{Script=Han}]{2,4}?(?:地区|新区|林区|省|市|州|盟|县|区|旗))/u;
// Words ending like a place that are not one (开发区, 自然保护区, 行政区...).
const NOT_A_PLACE =
  /(开发区|保护区|示范区|试验区|实验区|功能区|风景区|名胜区|自贸区|保税区|高新区|经济区|合作区|工业区|园区|社区|小区|城区|市区|辖区|景区|行政区|特区|片区|街区|地区|经开区)$/;
// Words that start a sentence, not a place name (转发北京市…, 关于…, 全区…).
const NOT_A_PLACE_START = /^(转发|关于|印发|做好|开展|进一步|各|全|本|我|市|省|县|区)/;
// National bodies: a document they issue has force everywhere, whatever place its title names (香港特别行政区基本法).
const NATIONAL_ISSUER =
  /^(全国人民代表大会|全国人大|国务院|中共中央|中央|最高人民法院|最高人民检察院|中华人民共和国|国家|中国|人力资源社会保障部|人力资源和社会保障部|[\p{Script=Han}]{1,10}部(办公厅)?$|[\p{Script=Han}]{2,10}总局)/u;
const SPECIAL_ZONE = /^([\p{Script=Han}]{2,3}?)经济特区/u;
// 中国（上海）自由贸易试验区…
const FREE_TRADE_ZONE = /^中国[（(]([\p{Script=Han}]{2,3})[）)]自由贸易/u;

/**
 * The region a local document has force in, highest level first (['山东省', '潍坊市']); [] for a national document.
 * Read from the issuer (发布机构, the statute header's enacting body) and the title: a national issuer makes it
 * national; otherwise the places at the start of the issuer, extended by those at the start of the title when they
 * fit (issuer 广东省人大常委会, title 清远市… → 广东省/清远市). A name the gazetteer does not know (a county, or the
 * sample office's 青禾市) counts only when the issuer names it, so a national law's title (民族区域自治法) is not read
 * as a place.
 */
export function extractRegion(options: { title: string; issuer?: string | null }): string[] {
  const issuer = options.issuer?.trim() ?? '';
  const fromIssuer = placesAtStart(issuer, { allowUnknown: true });
  if (fromIssuer.length === 0 && NATIONAL_ISSUER.test(issuer)) return [];
  const fromTitle = placesAtStart(options.title.replace(/^《/, ''), { allowUnknown: false, known: fromIssuer });
  return mergeRegions(completeRegion(fromIssuer), completeRegion(fromTitle));
}

/** Adds the province of a prefecture-level city when it is missing (潍坊市 → 山东省/潍坊市). */
export function completeRegion(names: ReadonlyArray<string>): string[] {
  const province = names.map((name) => GAZETTEER.get(name)).find((entry) => entry?.level === 'city')?.province;
  if (!province || names.includes(province)) return [...names];
  return [province, ...names];
}

/**
 * Reads a region written by a person (a sidecar's `region`, HUIYING_JURISDICTION): 浙江省/杭州市/建德市, 浙江/杭州,
 * or 全国 for national. Short names become full names; a missing province is added. Undefined when a part is not a
 * place name.
 */
export function parseRegionPath(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '全国' || trimmed === '国家') return [];
  const names: string[] = [];
  for (const part of trimmed.split(/[/／>、\s]+/).filter(Boolean)) {
    const name = SHORT_NAMES.get(part) ?? part;
    if (!GAZETTEER.has(name) && !PLACE_AT_START.test(name)) return undefined;
    names.push(name);
  }
  return completeRegion(names);
}

/** Whether a document of `region` has force in `jurisdiction`: national, or every place it names is in the chain. */
export function inJurisdiction(region: ReadonlyArray<string>, jurisdiction: ReadonlyArray<string>): boolean {
  return region.every((name) => jurisdiction.includes(name));
}

function placesAtStart(text: string, options: { allowUnknown: boolean; known?: ReadonlyArray<string> }): string[] {
  const places: string[] = [];
  let rest = text.replace(/^\s+/, '');
  for (;;) {
    const place = placeAtStart(rest, options);
    if (!place) return places;
    places.push(place.name);
    rest = rest.slice(place.length);
  }
}

function placeAtStart(
  text: string,
  options: { allowUnknown: boolean; known?: ReadonlyArray<string> },
): { name: string; length: number } | undefined {
  const zone = SPECIAL_ZONE.exec(text);
  const zoneCity = zone ? SHORT_NAMES.get(zone[1]!) : undefined;
  if (zone && zoneCity) return { name: zoneCity, length: zone[0].length };
  if (zone && zone[1] === '海南') return { name: '海南省', length: zone[0].length };
  const freeTrade = FREE_TRADE_ZONE.exec(text);
  const freeTradePlace = freeTrade ? SHORT_NAMES.get(freeTrade[1]!) : undefined;
  if (freeTrade && freeTradePlace) return { name: freeTradePlace, length: freeTrade[0].length };
  // The longest gazetteer name that starts the text (黑龙江省 before 黑龙江…).
  for (let length = Math.min(text.length, 16); length >= 2; length -= 1) {
    const name = text.slice(0, length);
    if (GAZETTEER.has(name)) return { name, length };
  }
  const match = PLACE_AT_START.exec(text);
  if (!match || NOT_A_PLACE.test(match[1]!)) return undefined;
  const name = match[1]!;
  if (NOT_A_PLACE_START.test(name)) return undefined;
  if (options.allowUnknown || options.known?.includes(name)) return { name, length: name.length };
  return undefined;
}

// Joins what the issuer and the title say when they fit together; when they disagree the issuer wins.
function mergeRegions(fromIssuer: string[], fromTitle: string[]): string[] {
  if (fromIssuer.length === 0) return fromTitle;
  if (fromTitle.length === 0) return fromIssuer;
  const provinces = new Set([...fromIssuer, ...fromTitle].filter((name) => GAZETTEER.get(name)?.level === 'province'));
  const cities = new Set([...fromIssuer, ...fromTitle].filter((name) => GAZETTEER.get(name)?.level === 'city'));
  if (provinces.size > 1 || cities.size > 1) return fromIssuer;
  return [...new Set([...fromIssuer, ...fromTitle])].sort((left, right) => levelOf(left) - levelOf(right));
}

function levelOf(name: string): number {
  const entry = GAZETTEER.get(name);
  return entry?.level === 'province' ? 0 : entry?.level === 'city' ? 1 : 2;
}
