/** Topics of public-opinion items, with the words that signal them and the department in charge (谁主管谁负责). */
export const TOPICS: ReadonlyArray<{ topic: string; words: RegExp; department: string }> = [
  { topic: '安全生产', words: /爆炸|火灾|起火|坍塌|垮塌|矿难|透水|泄漏|事故/, department: '应急管理部门' },
  {
    topic: '自然灾害',
    words: /暴雨|内涝|洪水|洪涝|台风|地震|山体滑坡|泥石流|冰雹|干旱/,
    department: '应急管理部门（防汛抗旱指挥部）',
  },
  { topic: '公共卫生', words: /疫情|感染|传染|食物中毒|集体中毒|病例|发热/, department: '卫生健康部门' },
  { topic: '食品药品', words: /食品安全|过期食品|假药|疫苗|餐馆|外卖|保健品/, department: '市场监督管理部门' },
  { topic: '生态环境', words: /污染|排污|废水|废气|异味|垃圾填埋|噪音|噪声|黑臭/, department: '生态环境部门' },
  { topic: '劳动保障', words: /欠薪|讨薪|拖欠工资|农民工|社保|养老金|工伤/, department: '人力资源社会保障部门' },
  { topic: '住房城建', words: /拆迁|征收|强拆|物业|烂尾|房屋质量|漏水|小区/, department: '住房城乡建设部门' },
  { topic: '教育', words: /学校|学生|教师|老师|幼儿园|校园|招生/, department: '教育部门' },
  { topic: '交通出行', words: /交通|公交|地铁|道路|堵车|车祸|高速/, department: '交通运输部门、公安交通管理部门' },
  { topic: '行政执法', words: /城管|执法|打人|暴力执法|罚款|扣车/, department: '相关执法部门及其上级机关' },
  { topic: '政务服务', words: /办事难|窗口|办证|审批|12345|热线|政务服务/, department: '政务服务管理部门' },
];

/** The first topic whose words the text contains, with its department; undefined when none does. */
export function topicOf(text: string): (typeof TOPICS)[number] | undefined {
  return TOPICS.find((topic) => topic.words.test(text));
}

/** Severity grades of the State Council's incident classification. */
export const SEVERITIES = ['一般', '较大', '重大', '特别重大'] as const;
export type Severity = (typeof SEVERITIES)[number];

// Casualty thresholds of 生产安全事故报告和调查处理条例 第三条: deaths 30/10/3, serious injuries 100/50/10.
export const CASUALTY_GRADES: ReadonlyArray<{ severity: Severity; deaths: number; injuries: number }> = [
  { severity: '特别重大', deaths: 30, injuries: 100 },
  { severity: '重大', deaths: 10, injuries: 50 },
  { severity: '较大', deaths: 3, injuries: 10 },
];

/** Words that raise an item to at least 较大 without casualty figures: crowds, wide spread, vulnerable groups. */
export const ESCALATING_WORDS = /群体性|聚集|围堵|上访|堵路|热搜|刷屏|转发超|阅读量过|儿童|学生|老人|死亡|遇难/;
