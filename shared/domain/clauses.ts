/**
 * The policy 沪府规〔2025〕11号, clause by clause, as data: the UI shows a clause's sentence next to every
 * decision that cites it. Texts are copied verbatim from shared/policy/hufugui-2025-11.zh.txt
 * (including its half-width punctuation); a unit test checks each against the file.
 */
import { CLAUSE_IDS } from './rules-types';
import type { ClauseId } from './rules-types';

export type Clause = {
  id: ClauseId;
  /** The clause's heading, e.g. 完善基本生活保障制度. */
  title: string;
  /** The full Chinese sentence(s) of the clause, after its heading. */
  text: string;
  summaryEn: string;
};

/** The document itself and its term (its last paragraph, `termText`). */
export const POLICY_DOCUMENT = {
  id: '沪府规〔2025〕11号',
  title: '上海市人民政府关于深化推进困境儿童保障工作的实施意见',
  issuedOn: '2025-12-20',
  inForceFrom: '2026-01-01',
  inForceTo: '2030-12-31',
  termText:
    '本意见自2026年1月1日起施行,有效期至2030年12月31日。《上海市人民政府关于深化推进本市困境儿童保障工作的实施意见》(沪府规〔2022〕4号)同步废止。',
} as const;

/** Section headings of the policy (一 … 七). */
export const POLICY_SECTIONS: Readonly<Record<string, string>> = {
  一: '健全救助保障机制,夯实基本生活保障',
  二: '完善医疗救助机制,优化医疗康复服务',
  三: '优化教育保障机制,完善公共教育供给',
  四: '构建心理关爱机制,强化心理健康服务',
  五: '健全安全防护机制,筑牢人身安全保护',
  六: '完善监护监督机制,促进法定监护落实',
  七: '强化支撑保障机制,夯实要素保障支撑',
};

/** Every clause of the policy, its sentence(s) copied from the text. */
export const CLAUSES: Readonly<Record<ClauseId, Clause>> = {
  '序言': {
    id: '序言',
    title: '序言',
    text: '困境儿童包括孤儿、监护缺失或监护不当儿童、残疾儿童、家庭经济困难儿童、生活就医就学等困难的流动儿童、留守儿童等。为进一步完善困境儿童保障体系,更好保障困境儿童生存权、发展权、受保护权、参与权等权利,根据相关法律法规,提出如下实施意见。',
    summaryEn:
      'Scope: children in difficult circumstances are orphans, children whose guardianship is missing or improper, disabled children, children of families in economic hardship, migrant children with difficulties in living, medical care or schooling, and left-behind children.',
  },
  '一(一)': {
    id: '一(一)',
    title: '完善基本生活保障制度',
    text: '健全我市孤儿、监护缺失或监护不当儿童(即原“困境儿童基本生活保障对象”)等特殊儿童基本生活保障标准动态调整机制,依据我市城市居民家庭人均消费支出,结合儿童基本生活需求,合理确定保障标准。年满18周岁仍在义务教育阶段就读,或在学制规定年限内仍在全日制高中阶段(普通高中教育、中等职业教育)和全日制大学阶段(本科、高等职业教育)就读的,可继续享受基本生活费。最低生活保障边缘家庭中的重病、重残儿童参照单人户纳入最低生活保障范围。',
    summaryEn:
      'Basic living allowance for orphans and guardianship-missing/improper children (special children), indexed to per-capita consumption; it continues past 18 while in compulsory education or, within the standard study length, in full-time senior secondary or tertiary study. Seriously ill or severely disabled children of low-income-edge families enter minimum living security as a single-person household.',
  },
  '一(二)': {
    id: '一(二)',
    title: '优化保障政策衔接机制',
    text: '将法定抚养人有抚养能力但家庭经济困难、符合最低生活保障条件的困境儿童纳入保障范围,并适当提高对其救助水平。对遭遇突发性、紧迫性、临时性基本生活困难家庭的困境儿童,及时提供临时救助。无劳动能力、无生活来源、无法定抚养人或法定抚养人无抚养能力的困境儿童,可纳入特困人员救助供养范围予以救助。选择申请社会散居孤儿、监护缺失或监护不当儿童基本生活保障的,不再享受特困人员供养政策。特殊儿童基本生活费与最低生活保障金、困难残疾人生活补贴、重残无业人员生活补助不叠加享受,符合条件的残疾儿童可同时享受重度残疾人护理补贴及康复救助等相关政策。',
    summaryEn:
      'Minimum living security at a raised level for children whose able supporter\'s family meets its conditions; temporary aid for sudden hardship; extreme-poverty support where there is no able legal supporter. Choosing the allowance as a scattered orphan or guardianship-missing/improper child ends extreme-poverty support; the allowance does not stack with the minimum living allowance, the disabled-in-hardship living subsidy or the severely-disabled-unemployed subsidy, but may be received with the severe-disability nursing subsidy and rehabilitation aid.',
  },
  '一(三)': {
    id: '一(三)',
    title: '拓展关爱保障服务内容',
    text: '提升“爱伴‘童’行”家庭监护支持、“爱心邻家妈妈”结对关爱、“守‘沪’童心”流动儿童关爱、“启航星光”孤独症儿童关爱等品牌项目效能。针对困境儿童心理特征和实际需求,强化监护指导、家庭教育、成长支持、情感陪伴等功能。因地制宜面向困境儿童提供助餐、课后托管、日间照料、家庭改造等关爱服务。将符合条件的流动儿童家庭纳入住房保障范围。',
    summaryEn:
      'Care services: brand programmes (guardianship support, caring neighbour mothers, migrant children, autism), guardianship guidance, family education, companionship; meals, after-school care, day care, home adaptation; housing security for eligible migrant families.',
  },
  '一(四)': {
    id: '一(四)',
    title: '细化孤儿多元安置渠道',
    text: '妥善做好亲属抚养、机构养育、家庭寄养和依法收养等孤儿安置工作。依法确定孤儿的监护人,无法确定的,我市户籍孤儿由其户籍所在区政府妥善安置,其他孤儿按照监护缺失儿童给予救助保护。经查找无法找到法定监护人,被公安部门确认为弃婴、弃儿身份的未成年人,由市级儿童福利机构集中养育。对由市级儿童福利机构集中养育的孤儿,年满18周岁且已完成学业、经综合评估具备回归社会生活能力的,实行回归社会安置,由接收安置的区政府落实好孤儿的住房、户口、就业等,并指导督促安置对象所在街道(乡镇)落实长期关爱措施。经综合评估,不具备回归社会生活能力的,转入市属相关社会福利机构,由政府继续集中供养。经职业康复后二次综合评估,符合条件的实行回归社会安置。社会安置操作细则由市民政部门会同相关部门另行制订。经人民法院指定市民政部门或市级儿童福利机构担任监护人的未成年人,参照本意见规定的机构养育孤儿政策执行。',
    summaryEn:
      'Orphan placement (kinship, institutional, foster, adoption). Where no guardian can be set, Shanghai-hukou orphans are placed by their hukou district government and others are aided as guardianship-missing children; police-confirmed abandoned children are raised by the municipal institution. Orphans raised by the municipal institution who are 18 with studies finished and assessed able are resettled (housing, hukou, employment by the receiving district; long-term care by the street/township); those not able move to a municipal welfare institution, with a second assessment after vocational rehabilitation. Court-appointed civil-affairs or municipal-institution guardianship means the institutional-orphan policies apply.',
  },
  '二(五)': {
    id: '二(五)',
    title: '拓宽医疗保障供给',
    text: '进一步做好我市户籍困境儿童纳入多层次医疗保障体系衔接工作,梯次减轻困境儿童医疗费用负担。放宽市级儿童福利机构集中养育儿童参加基本医疗保险缴费时间限制,待遇等待期政策参照我市基本医疗保险参保长效机制中对特殊人员的相关规定执行。稳妥落实符合条件的流动儿童参加我市城乡居民基本医疗保险。',
    summaryEn:
      'Multi-tier medical insurance for Shanghai-hukou children in difficulty; relaxed contribution-time limits for municipal-institution children; eligible migrant children join the residents\' insurance.',
  },
  '二(六)': {
    id: '二(六)',
    title: '夯实分类救助措施',
    text: '对我市户籍社会散居孤儿、监护缺失或监护不当儿童、纳入特困供养或最低生活保障范围的困境儿童,全额资助其参加城乡居民基本医疗保险和少儿住院互助基金,对符合规定的医疗费用按照不低于70%的比例进行救助。社会散居孤儿、监护缺失或监护不当儿童的医疗救助待遇参照我市最低生活保障家庭成员执行。',
    summaryEn:
      'Shanghai-hukou scattered orphans, guardianship-missing/improper children and children in extreme-poverty support or minimum living security: residents\' medical insurance and the children\'s hospitalisation mutual fund paid in full, eligible costs aided at no less than 70%; scattered orphans and guardianship-missing/improper children get the medical-aid treatment of minimum-living-security family members.',
  },
  '二(七)': {
    id: '二(七)',
    title: '优化规范康复资源',
    text: '完善残疾儿童康复救助制度,加大康复设施设备资源整合与升级投入力度,为残疾儿童提供手术、康复辅助器具配置和康复训练等服务,确保符合条件的残疾儿童可享受康复救助政策。支持社区卫生服务中心开展残疾儿童康复训练,通过医联体建设、家庭医生签约服务等措施,保障残疾儿童就近便利获得康复服务。建立健全孤独症儿童筛查、评估、诊治、干预、康复、照料等全链条关爱服务体系。加强对残疾儿童康复服务机构监督管理。加大残疾儿童康复服务专业人员培养力度。鼓励和支持各类慈善机构、公益组织参与残疾儿童康复救助工作。',
    summaryEn:
      'Rehabilitation aid for eligible disabled children (surgery, assistive devices, training); community rehabilitation; a full autism chain from screening to care; supervision and training of providers; charities.',
  },
  '三(八)': {
    id: '三(八)',
    title: '完善教育服务供给',
    text: '完善学前教育、义务教育阶段流动儿童入园入学政策。健全与学龄人口变化相协调的基本公共教育服务供给机制,切实做好流动儿童招生入学工作,确保符合条件的流动儿童接受义务教育。常态化精准开展控辍保学,确保困境儿童依法完成义务教育。',
    summaryEn:
      'Preschool and compulsory schooling for migrant children; drop-out control so that children in difficulty complete compulsory education.',
  },
  '三(九)': {
    id: '三(九)',
    title: '丰富特殊教育类型',
    text: '全面推进残疾儿童融合教育。支持特殊教育学校、普通幼儿园、取得办园许可的残疾儿童康复机构和儿童福利机构开展残疾儿童早期教育。按照规定对符合条件的残疾儿童实施从学前到高中阶段的学生资助。逐步建立孤独症儿童助教陪读制度,促进孤独症儿童适宜融合发展。',
    summaryEn:
      'Inclusive and early education for disabled children; student financial aid from preschool to senior secondary for eligible disabled children; accompanied study for autistic children.',
  },
  '三(十)': {
    id: '三(十)',
    title: '落实教育保障政策',
    text: '将孤儿、监护缺失或监护不当儿童、家庭经济困难儿童纳入各教育阶段资助范围,资助办法按照我市中小学幼儿园和普通高等学校学生资助的有关规定执行。符合条件的普通高中、中等职业学校在读困境儿童,按照规定发放国家助学金、免除学费等费用。',
    summaryEn:
      'Orphans, guardianship-missing/improper children and children of families in economic hardship are covered by student financial aid at every stage; eligible children in difficulty in senior high or secondary vocational school receive the national grant and tuition waiver.',
  },
  '四(十一)': {
    id: '四(十一)',
    title: '加强心理健康教育宣传',
    text: '建立家庭、学校、社区、医疗卫生机构协同联动,宣传普及心理健康卫生知识,开展关爱活动。配齐配强学校专职心理健康教育教师,开足开好心理健康课程。民政部门和妇联、共青团等群团组织加强入户走访、主题活动举办、家庭教育指导、心理健康科普宣教等统筹联动。',
    summaryEn:
      'Mental-health awareness through families, schools, communities and health institutions; full-time school mental-health teachers; home visits and outreach.',
  },
  '四(十二)': {
    id: '四(十二)',
    title: '实施心理健康动态监测',
    text: '组织学校每学年开展心理健康监测,建立困境儿童心理健康档案。指导儿童督导员、儿童主任结合日常工作梳理困境儿童家庭情况、监护状况、就学就医和心理健康状况。及时发现、识别困境儿童心理行为异常情况,开展心理关爱、早期干预或转介服务。',
    summaryEn:
      'Yearly school mental-health monitoring and a mental-health file for every child in difficulty; child supervisors and directors review each child\'s situation; early intervention or referral.',
  },
  '四(十三)': {
    id: '四(十三)',
    title: '协同提供心理健康服务',
    text: '畅通家庭、学校、社区、社会心理服务机构等向专业医疗卫生机构转介就医通道。发挥精神卫生医疗机构、儿童专科医院及妇幼保健机构作用,开展相关诊疗、心理干预和心理健康促进服务。统筹社区卫生服务中心、街镇未成年人保护工作站、社区学校等资源,为困境儿童提供心理咨询和健康关爱。推进青少年事务社工与学校联动,发挥社工专业作用。将经卫生健康部门评估符合条件的患有精神疾病的困境儿童,纳入精神障碍社区康复服务范围。对经过治疗后回归社区、学校的困境儿童,指导社区、学校强化日常关爱服务。鼓励各区、各部门创设困境儿童心理健康关爱项目。',
    summaryEn:
      'Referral channels to medical institutions; psychiatric, paediatric and maternal-child services; community counselling; community psychiatric rehabilitation for eligible children.',
  },
  '五(十四)': {
    id: '五(十四)',
    title: '严惩侵害权益行为',
    text: '公安、民政、教育等部门应及时受理处置侵害困境儿童的检举、控告或报告。依法调查处理涉困境儿童事件,依法严惩各类侵害困境儿童违法犯罪行为。完善相关从业人员入职查询和从业禁止制度,依法落实侵害未成年人案件的强制报告责任。依托市妇女儿童工作委员会,进一步发挥相关工作协调机制作用,切实保障困境儿童合法权益。',
    summaryEn:
      'Reports of harm handled promptly; punishment of offences; background checks and bans for workers; mandatory reporting.',
  },
  '五(十五)': {
    id: '五(十五)',
    title: '完善安全保护机制',
    text: '健全和完善监测预防、发现报告、应急处置、评估帮扶、监护干预等安全保护机制。加大对学校、幼儿园、医疗机构、居(村)民委员会、儿童福利机构、未成年人救助保护机构等强制报告义务主体的指导、培训和监督力度。对监护缺失儿童及时介入调查了解监护情况,对监护不当儿童按照规定调查取证、协助就医、鉴定伤情,通过临时监护、家庭监护能力评估、监护干预等措施,给予救助保护。',
    summaryEn:
      'Safety mechanisms: monitoring, reporting, emergency handling, assessment and help, guardianship intervention; temporary guardianship for missing or improper guardianship.',
  },
  '五(十六)': {
    id: '五(十六)',
    title: '筑牢预防矫治网络',
    text: '坚持预防为主,及时发现、制止、管教困境儿童不良行为。强化家庭责任,指导监护人对失管失教困境儿童进行教育引导、劝解管教。指导学校加强对困境儿童的法治和预防犯罪教育。发现困境儿童有不良行为或严重不良行为的,学校、公安机关依法采取管教、矫治教育、转送专门学校等措施,居(村)民委员会依法采取干预措施。加强网络违法和不良信息治理。',
    summaryEn:
      'Prevention and correction of misconduct; family responsibility; legal education; online content governance.',
  },
  '六(十七)': {
    id: '六(十七)',
    title: '压实家庭主体责任',
    text: '指导督促困境儿童监护人依法履行抚养、教育和保护义务,加强亲情陪伴。深化检察监护监督和家庭教育指导的衔接。对困境儿童父母或其他监护人不履行监护职责或侵犯儿童合法权益的,应依法予以训诫,并责令其接受教育指导;对致使儿童处于不安全状态或造成其人身伤害的,应依法追究法律责任。加强对留守儿童委托照护情况的监督,督促被委托照护人履行职责。',
    summaryEn:
      'Guardians\' duties; admonition and mandatory guidance for failing guardians; supervision of entrusted care of left-behind children.',
  },
  '六(十八)': {
    id: '六(十八)',
    title: '落实监护支持干预',
    text: '对具有监护意愿但缺乏监护能力的家庭,提供家庭监护指导、教育帮扶、日常照料、心理疏导、社区矫治和社会融入等服务。对监护人暂时无法履行监护职责,困境儿童生活处于无人照料状态的,儿童住所地的居(村)民委员会或民政部门应为其安排必要的临时生活照料措施。对监护人严重侵害儿童权益的,承担临时监护职责的机构和个人可依法向人民法院提起申请人身安全保护裁定、申请撤销监护人资格或变更监护人、追索抚养费等,必要时可申请人民检察院支持起诉。加强收养登记服务管理,强化收养登记评估和关爱回访。',
    summaryEn:
      'Support for willing but unable guardians; temporary care when no one looks after a child; court applications against serious harm; adoption registration assessment and follow-up visits.',
  },
  '六(十九)': {
    id: '六(十九)',
    title: '强化机构保障能力',
    text: '加强儿童福利机构、未成年人救助保护机构建设,构建集生活照料、医疗救治、康复训练、教育引导、社会融入功能于一体的综合照护模式。深化市级儿童福利机构转型发展,提升住养服务质量,拓展社会服务功能。扩大未成年人救助保护机构服务功能,做好困境儿童关爱服务、权益保障、政策宣介等工作。',
    summaryEn:
      'Child welfare and minor protection institutions as integrated care; transformation of the municipal institution.',
  },
  '七(二十)': {
    id: '七(二十)',
    title: '提升基础服务能力',
    text: '完善困境儿童基本公共服务供给机制。深化儿童友好城市建设。坚持选优配强儿童督导员、儿童主任,夯实岗前培训和年度轮训,鼓励参加社会工作者职业水平考试。将儿童福利机构和未成年人救助保护机构内照护、特教、医护、康复人员纳入教育、卫生健康等领域职称评定、评先评优范围,加强相关人才培养。',
    summaryEn:
      'Basic public services; child-friendly city; selection and annual training of child supervisors and directors; professional titles for institution staff.',
  },
  '七(二十一)': {
    id: '七(二十一)',
    title: '加强信息共享实效',
    text: '完善困境儿童精准监测摸排机制,健全儿童福利数据库和工作台账,加强部门间数据信息共享。规范困境儿童个人信息使用,保护个人信息安全。',
    summaryEn:
      'Precise monitoring, the child welfare database and work ledgers, data sharing between departments; regulated use and security of children\'s personal information.',
  },
  '七(二十二)': {
    id: '七(二十二)',
    title: '发挥社会力量优势',
    text: '发挥共青团、妇联、残联等群团组织优势,广泛开展适合困境儿童特点和需求的关爱、帮扶、维权等服务。培育和规范儿童福利领域社会组织,推动困境儿童需求与慈善组织服务有效对接。加强对先进典型的宣传报道,发挥示范带动作用。',
    summaryEn:
      'Mass organisations, charities and social organisations; publicity of good examples.',
  },
};

/** Whether `value` is a clause id this policy has (`一(四)`, `二(六)`, `序言`…). */
export function isClauseId(value: string): value is ClauseId {
  return (CLAUSE_IDS as readonly string[]).includes(value);
}

/** The clause's full text (the exact sentences of the policy), for a tooltip beside a decision that cites it. */
export function clauseText(id: ClauseId): string {
  return CLAUSES[id].text;
}

/** The clause's heading (for 序言, the word itself). */
export function clauseTitle(id: ClauseId): string {
  return CLAUSES[id].title;
}

/** The clause's text split into sentences (each ending in 。), to quote the one a rule rests on. */
export function clauseSentences(id: ClauseId): string[] {
  return CLAUSES[id].text
    .split('。')
    .filter((s) => s.length > 0)
    .map((s) => `${s}。`);
}
