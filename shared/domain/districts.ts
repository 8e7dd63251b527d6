/** Shanghai's sixteen current districts: the only valid receiving districts. */
export const SHANGHAI_DISTRICTS = [
  { code: '310101', zh: '黄浦区', en: 'Huangpu' },
  { code: '310104', zh: '徐汇区', en: 'Xuhui' },
  { code: '310105', zh: '长宁区', en: 'Changning' },
  { code: '310106', zh: '静安区', en: "Jing'an" },
  { code: '310107', zh: '普陀区', en: 'Putuo' },
  { code: '310109', zh: '虹口区', en: 'Hongkou' },
  { code: '310110', zh: '杨浦区', en: 'Yangpu' },
  { code: '310112', zh: '闵行区', en: 'Minhang' },
  { code: '310113', zh: '宝山区', en: 'Baoshan' },
  { code: '310114', zh: '嘉定区', en: 'Jiading' },
  { code: '310115', zh: '浦东新区', en: 'Pudong' },
  { code: '310116', zh: '金山区', en: 'Jinshan' },
  { code: '310117', zh: '松江区', en: 'Songjiang' },
  { code: '310118', zh: '青浦区', en: 'Qingpu' },
  { code: '310120', zh: '奉贤区', en: 'Fengxian' },
  { code: '310151', zh: '崇明区', en: 'Chongming' },
] as const;

export type DistrictCode = (typeof SHANGHAI_DISTRICTS)[number]['code'];
export const DISTRICT_CODES = SHANGHAI_DISTRICTS.map((d) => d.code) as unknown as readonly [DistrictCode, ...DistrictCode[]];

/** Retired Shanghai codes that remain valid inside old ID numbers but are never receiving districts. */
export const RETIRED_SHANGHAI_CODES: Record<string, string> = {
  '310100': '上海市市辖区',
  '310102': '南市区',
  '310103': '卢湾区',
  '310108': '闸北区',
  '310111': '吴淞区',
  '310119': '南汇区',
  '310225': '南汇县',
  '310226': '奉贤县',
  '310227': '松江县',
  '310228': '金山县',
  '310229': '青浦县',
  '310230': '崇明县',
};

/** Province-level prefixes (GB/T 2260), for ID numbers issued outside Shanghai. */
export const PROVINCE_PREFIXES: Record<string, string> = {
  '11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古',
  '21': '辽宁', '22': '吉林', '23': '黑龙江',
  '31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东',
  '41': '河南', '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南',
  '50': '重庆', '51': '四川', '52': '贵州', '53': '云南', '54': '西藏',
  '61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏', '65': '新疆',
  '71': '台湾', '81': '香港', '82': '澳门',
};

export function districtName(code: string, lang: 'zh' | 'en' = 'zh'): string | undefined {
  const current = SHANGHAI_DISTRICTS.find((d) => d.code === code);
  if (current) return lang === 'zh' ? current.zh : current.en;
  return RETIRED_SHANGHAI_CODES[code];
}

export function isCurrentShanghaiDistrict(code: string): code is DistrictCode {
  return SHANGHAI_DISTRICTS.some((d) => d.code === code);
}

/** Where a retired Shanghai code's area belongs today (卢湾区 → 黄浦区, 南汇区 → 浦东新区…); 310100 belongs to none. */
const SUCCESSOR_DISTRICTS: Record<string, DistrictCode> = {
  '310102': '310101',
  '310103': '310101',
  '310108': '310106',
  '310111': '310113',
  '310119': '310115',
  '310225': '310115',
  '310226': '310120',
  '310227': '310117',
  '310228': '310116',
  '310229': '310118',
  '310230': '310151',
};

/** The current district an ID number's address code points to (a current code, or a retired one's successor), or null. */
export function currentDistrictOf(addressCode: string): DistrictCode | null {
  if (isCurrentShanghaiDistrict(addressCode)) return addressCode;
  return SUCCESSOR_DISTRICTS[addressCode] ?? null;
}
