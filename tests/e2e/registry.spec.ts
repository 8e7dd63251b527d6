import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ageOn, toIsoDate } from '../../shared/domain/dates';
import { ChildrenPages, StartPages } from './pages/app-pages';
import { RecordPages } from './pages/record-pages';
import { invokeRaw } from './support/api';
import { freshDataDir, startHost } from './support/host';

const PASSPHRASE = 'e2e passphrase for the registry';
const ID_NUMBER = '310101201503070015';
/** A 1×1 PNG and the smallest PDF header: content the service checks against the declared type. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

test('a child registered with every section filled is found by initials and ID fragment; a placement change keeps both intervals; discharge and restore', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const dataDir = freshDataDir(testInfo.testId);
  const host = await startHost(dataDir, PASSPHRASE);
  const thisYear = new Date().getFullYear();
  try {
    await page.goto(host.url);
    const start = new StartPages(page);
    await start.completeSetup();
    await start.login();
    await expect(page.getByRole('heading', { name: /您好/ })).toBeVisible();

    // ——— identity ———
    const children = new ChildrenPages(page);
    await children.open();
    await children.register({ name: '张小明', sex: '男', birthDate: '2015-03-07', idNumber: ID_NUMBER });
    const r = new RecordPages(page);
    await expect(r.header().getByRole('heading', { name: '张小明' })).toBeVisible();
    await expect(r.header()).toContainText(`${ageOn('2015-03-07', toIsoDate(new Date()))}周岁`);
    await expect(r.header()).toContainText(ID_NUMBER);

    // ——— profile, edited in place: a wrong check digit is shown beside the field and the input is kept ———
    const profile = page.getByTestId('profile-edit');
    await page.getByRole('button', { name: '编辑' }).click();
    await r.text(profile, '姓名', '张晓明');
    await page.getByRole('button', { name: '取消' }).click();
    // What was typed is not thrown away without asking.
    await page.getByRole('dialog', { name: '放弃未保存的内容？' }).getByRole('button', { name: '放弃更改' }).click();
    await expect(page.getByTestId('profile-view')).toContainText('张小明');
    await page.getByRole('button', { name: '编辑' }).click();
    await expect(profile.getByRole('textbox', { name: '姓名', exact: true })).toBeFocused();
    await r.text(profile, '曾用名', '张明、小明');
    await r.text(profile, '身份证号', '310101201503070017');
    await r.text(profile, '国籍', '中国');
    await r.choose(profile, '民族', '汉族');
    // Registration read the hukou from the ID number (310101: 黄浦区); it is corrected here.
    await expect(profile.getByRole('combobox', { name: '户籍类型', exact: true })).toHaveValue('本市户籍');
    await expect(profile.getByRole('combobox', { name: '户籍所在区', exact: true })).toHaveValue('黄浦区（310101）');
    await r.choose(profile, '户籍所在区', '徐汇区（310104）');
    await r.text(profile, '街道（乡镇）', '枫林路街道');
    await r.date(profile, '入院日期', '2020-05-01');
    await r.choose(profile, '入院来源', '公安机关');
    await r.text(profile, '送养/移送单位', '徐汇公安分局');
    await r.text(profile, '备注', '入院时营养不良，已恢复。');
    await profile.getByRole('button', { name: '保存' }).click();
    await expect(profile.getByText('身份证号校验位不正确，请核对')).toBeVisible();
    await expect(profile.getByLabel('民族', { exact: true })).toHaveValue('汉族');
    await r.text(profile, '身份证号', ID_NUMBER);
    await profile.getByRole('button', { name: '保存' }).click();
    const view = page.getByTestId('profile-view');
    await expect(view).toContainText('张明、小明');
    await expect(view.getByTestId('profile-hukou')).toContainText('徐汇区');
    await expect(view).toContainText('徐汇公安分局');

    // ——— photo, from the header ———
    await r.header().locator('input[type=file]').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await expect(r.header().getByRole('img', { name: '张小明的照片' })).toBeVisible();

    // ——— placement, guardianship, status facts ———
    await r.openTab('安置与监护');
    await page.getByRole('button', { name: '登记安置' }).click();
    await r.choose(r.dialog(), '安置方式', '市级儿童福利机构集中养育');
    await r.text(r.dialog(), '安置地点/家庭', '上海市儿童福利院');
    await r.date(r.dialog(), '开始日期', '2020-05-01');
    await r.save();
    await page.getByRole('button', { name: '登记监护' }).click();
    await r.choose(r.dialog(), '监护人类别', '市级儿童福利机构');
    await r.text(r.dialog(), '监护人（姓名或机构）', '上海市儿童福利院');
    await r.text(r.dialog(), '依据', '（2020）沪0104民特12号');
    await r.dialog().getByRole('checkbox', { name: '由人民法院指定' }).check();
    await r.date(r.dialog(), '开始日期', '2020-05-01');
    await r.save();
    await expect(r.rows('监护记录').filter({ hasText: '上海市儿童福利院' })).toHaveCount(1);
    await page.getByRole('button', { name: '登记状况' }).click();
    await r.choose(r.dialog(), '状况类别', '父母状况');
    await r.choose(r.dialog(), '父亲', '死亡');
    await r.choose(r.dialog(), '母亲', '查找不到');
    await r.date(r.dialog(), '认定日期（起）', '2020-05-01');
    await r.text(r.dialog(), '证明材料', '派出所查找不到生父母证明');
    await r.save();
    await expect(r.rows('状况认定').filter({ hasText: '父：死亡；母：查找不到' })).toHaveCount(1);

    // ——— education ———
    await r.openTab('教育');
    await page.getByRole('button', { name: '登记就学' }).click();
    await r.choose(r.dialog(), '就读阶段', '义务教育');
    await expect(r.dialog().getByRole('textbox', { name: '学制', exact: true })).toHaveValue('9 年');
    await r.text(r.dialog(), '学校', '徐汇区第一中心小学');
    await r.date(r.dialog(), '入学日期', '2021-09-01');
    await r.save();
    await expect(r.rows('就学记录').filter({ hasText: '徐汇区第一中心小学' })).toContainText('2030-08-31');

    // ——— health: the certificate number fills category and grade ———
    await r.openTab('健康与残疾');
    await page.getByRole('button', { name: '登记残疾证' }).click();
    await r.text(r.dialog(), '残疾人证号', `${ID_NUMBER}42`);
    await expect(r.dialog().getByRole('combobox', { name: '残疾类别', exact: true })).toHaveValue('肢体残疾');
    await expect(r.dialog().getByRole('combobox', { name: '残疾等级', exact: true })).toHaveValue('二级');
    await r.date(r.dialog(), '发证日期', '2022-01-10');
    await r.date(r.dialog(), '起始日期', '2022-01-10');
    await r.save();
    await expect(r.rows('残疾').filter({ hasText: `${ID_NUMBER}42` })).toContainText('肢体残疾');
    await page.getByTestId('health-facts').getByRole('button', { name: '登记状况' }).click();
    await r.choose(r.dialog(), '状况类别', '孤独症诊断');
    await r.choose(r.dialog(), '是否确诊孤独症', '是');
    await r.date(r.dialog(), '认定日期（起）', '2019-06-01');
    await r.save();
    await page.getByRole('button', { name: '登记参保' }).click();
    await r.save();
    await expect(r.rows('医疗保险').filter({ hasText: String(thisYear) })).toContainText('已参保');
    await page.getByRole('button', { name: '登记医疗救助' }).click();
    await r.text(r.dialog(), '医院', '上海市儿童医院');
    await r.text(r.dialog(), '合规医疗费用（元）', '1000');
    await r.text(r.dialog(), '救助金额（元）', '600');
    await expect(r.dialog().getByTestId('aid-ratio-preview')).toContainText('60%');
    await r.save();
    await expect(r.rows('医疗救助').filter({ hasText: '上海市儿童医院' })).toContainText('¥1,000.00');

    // ——— benefits ———
    await r.openTab('保障待遇');
    await page.getByRole('button', { name: '登记待遇' }).click();
    await r.choose(r.dialog(), '待遇', '基本生活费');
    await r.date(r.dialog(), '开始日期', '2020-05-01');
    await r.text(r.dialog(), '月标准（元）', '2520');
    await r.save();
    await expect(r.rows('已享受的保障待遇').filter({ hasText: '基本生活费' })).toContainText('¥2,520.00');

    // ——— documents: a file of an unknown type is refused before it is sent ———
    await r.openTab('文件');
    await page.getByRole('button', { name: '上传文件' }).click();
    await r.dialog().locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a scan') });
    await expect(r.dialog().getByText('只接受 JPEG、PNG 图片或 PDF 文件')).toBeVisible();
    await r.dialog().locator('input[type=file]').setInputFiles({ name: '户口簿首页.pdf', mimeType: 'application/pdf', buffer: PDF });
    await r.choose(r.dialog(), '类别', '户口簿');
    await r.save();
    const documents = r.rows('文件');
    await expect(documents.filter({ hasText: '户口簿首页' })).toContainText('户口簿');
    await expect(documents.filter({ hasText: '照片' })).toContainText('当前照片');

    // ——— the list: pinyin initials and an ID fragment ———
    await children.open();
    await children.search('zxm');
    await expect(children.rows().filter({ hasText: '张小明' })).toHaveCount(1);
    await children.search('0307001');
    await expect(children.rows().filter({ hasText: ID_NUMBER })).toHaveCount(1);
    await r.clearNotifications();
    await testInfo.attach('children-list', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    // ——— a placement change closes the current interval the day before ———
    await children.rows().filter({ hasText: '张小明' }).click();
    await r.openTab('安置与监护');
    await page.getByRole('button', { name: '变更安置' }).click();
    await expect(r.dialog().getByRole('combobox', { name: '安置方式', exact: true })).toBeFocused();
    await r.choose(r.dialog(), '安置方式', '家庭寄养');
    await r.date(r.dialog(), '开始日期', '2024-03-01');
    await expect(r.dialog()).toContainText('将于 2024-02-29 结束');
    // Enter in a field submits the form.
    await r.dialog().getByRole('textbox', { name: '安置地点/家庭', exact: true }).fill('李家');
    await r.dialog().getByRole('textbox', { name: '安置地点/家庭', exact: true }).press('Enter');
    await expect(r.dialog()).toHaveCount(0);
    const placements = r.rows('安置记录');
    await expect(placements.filter({ hasText: '2020-05-01 至 2024-02-29' })).toContainText('市级儿童福利机构集中养育');
    await expect(placements.filter({ hasText: '2024-03-01 至今' })).toContainText('家庭寄养');
    await expect(placements.filter({ hasText: '2024-03-01 至今' })).toContainText('当前');
    await expect(r.header().getByTestId('child-current-placement')).toContainText('家庭寄养');
    await r.clearNotifications();
    await testInfo.attach('child-placement', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    // ——— the history shows the change (the history tab is the history engineer's; these are its words) ———
    await r.openTab('变更记录');
    const history = page.getByRole('tabpanel', { name: '变更记录' });
    await expect(history).toContainText('家庭寄养');
    await expect(history).toContainText('市级儿童福利机构集中养育');
    await r.clearNotifications();
    await testInfo.attach('child-history', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    // ——— discharge (a caseworker may), then restore (a supervisor's decision) ———
    const today = toIsoDate(new Date());
    await r.header().getByRole('button', { name: '在院状态' }).click();
    await page.getByRole('menuitem', { name: '办理离院' }).click();
    await r.date(r.dialog(), '离院日期', today);
    await r.choose(r.dialog(), '离院原因', '收养');
    await r.dialog().getByRole('button', { name: '下一步：核对' }).click();
    await r.dialog().getByRole('button', { name: '确认离院' }).click();
    await expect(r.dialog()).toHaveCount(0);
    await expect(r.header().getByTestId('child-status')).toHaveText('已离院');
    await expect(r.header()).toContainText(today);
    await r.openTab('安置与监护');
    await expect(r.rows('安置记录').filter({ hasText: `2024-03-01 至 ${today}` })).toContainText('家庭寄养');
    const childId = Number(/#\/children\/(\d+)/.exec(page.url())?.[1]);
    // A caseworker is not offered restore, and the service refuses it whatever the screen offers.
    await expect(r.header().getByRole('button', { name: '在院状态' })).toBeVisible();
    await r.header().getByRole('button', { name: '在院状态' }).click();
    await expect(page.getByRole('menuitem', { name: '恢复在院' })).toHaveCount(0);
    await page.keyboard.press('Escape');
    const refused = await invokeRaw(page, 'children:restore', { childId, reason: '收养未成，回院' });
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('forbidden');

    // Restore is a supervisor's decision: the administrator makes a supervisor's account.
    const supervisor = { username: 'supervisor1', displayName: '李主管', password: 'Superv!sor2026first', chosen: 'Superv!sor2026own' };
    const created = await invokeRaw(page, 'users:create', { username: supervisor.username, displayName: supervisor.displayName, password: supervisor.password, roles: ['supervisor'] });
    expect(created.ok, JSON.stringify(created.error)).toBe(true);
    await page.getByRole('button', { name: '当前用户' }).click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await start.login(supervisor.username, supervisor.password);
    // A first password must be changed before anything else.
    await page.getByLabel('当前密码').fill(supervisor.password);
    await page.getByLabel('新密码', { exact: true }).fill(supervisor.chosen);
    await page.getByLabel('再次输入新密码').fill(supervisor.chosen);
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect(page.getByRole('button', { name: '当前用户' })).toContainText('李主管');
    await page.goto(`${host.url}#/children/${childId}`);
    // A supervisor reads the record but may not edit it.
    await expect(r.header().getByRole('heading', { name: '张小明' })).toBeVisible();
    await expect(page.getByRole('button', { name: '编辑' })).toHaveCount(0);
    await r.header().getByRole('button', { name: '在院状态' }).click();
    await page.getByRole('menuitem', { name: '恢复在院' }).click();
    await r.dialog().getByRole('textbox', { name: '恢复原因' }).fill('收养未成，回院');
    await r.dialog().getByRole('button', { name: '确认恢复' }).click();
    await expect(r.dialog()).toHaveCount(0);
    await expect(r.header().getByTestId('child-status')).toHaveText('在院');
    await r.openTab('变更记录');
    await expect(page.getByRole('tabpanel', { name: '变更记录' })).toContainText('收养未成，回院');
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});


test('ending and voiding ask first and keep the row; a document downloads under its title; an over-floor aid claim is not flagged', async ({ page }, testInfo) => {
  const dataDir = freshDataDir(testInfo.testId);
  const host = await startHost(dataDir, PASSPHRASE);
  try {
    await page.goto(host.url);
    const start = new StartPages(page);
    await start.completeSetup();
    await start.login();
    await expect(page.getByRole('heading', { name: /您好/ })).toBeVisible();
    const child = (await invokeRaw(page, 'children:create', { name: '王小兰', sex: 'female', birthDate: '2014-06-01', idNumber: null, admissionDate: '2015-01-01' })).value as { id: number };
    await invokeRaw(page, 'record:addBenefit', { childId: child.id, code: 'basicLivingAllowance', from: '2015-01-01', monthlyAmountFen: 250_000 });
    await invokeRaw(page, 'record:addBenefit', { childId: child.id, code: 'temporaryAid', from: '2016-01-01' });
    await invokeRaw(page, 'record:addDocument', { childId: child.id, kind: 'courtDecision', title: '法院判决书', mime: 'application/pdf', contentBase64: PDF.toString('base64') });
    const r = new RecordPages(page);
    await page.goto(`${host.url}#/children/${child.id}/benefits`);
    await expect(r.header()).toContainText('未登记身份证号');

    // End: asks for the last day, then the interval is closed, not removed.
    const benefits = r.rows('已享受的保障待遇');
    await benefits.filter({ hasText: '临时救助' }).getByRole('button', { name: '操作' }).click();
    await page.getByRole('menuitem', { name: '结束' }).click();
    await expect(r.dialog()).toContainText('结束“临时救助（2016-01-01 至今）”');
    await r.date(r.dialog(), '最后一天', '2016-06-30');
    await r.dialog().getByRole('button', { name: '结束' }).click();
    await expect(benefits.filter({ hasText: '临时救助' })).toContainText('2016-01-01 至 2016-06-30');

    // Void: a reason is required; the row leaves the list but stays behind the switch, struck through.
    await benefits.filter({ hasText: '临时救助' }).getByRole('button', { name: '操作' }).click();
    await page.getByRole('menuitem', { name: '作废' }).click();
    await r.dialog().getByRole('button', { name: '作废' }).click();
    await expect(r.dialog().getByText('请写明作废原因')).toBeVisible();
    await r.text(r.dialog(), '作废原因', '误录');
    await r.dialog().getByRole('button', { name: '作废' }).click();
    await expect(r.dialog()).toHaveCount(0);
    await expect(benefits.filter({ hasText: '临时救助' })).toHaveCount(0);
    await page.getByRole('switch', { name: '显示已作废的记录（1）' }).check();
    await expect(benefits.filter({ hasText: '临时救助' })).toContainText('已作废');

    // Download: the document's own bytes, named from its title.
    await r.openTab('文件');
    await r.rows('文件').filter({ hasText: '法院判决书' }).getByRole('button', { name: '操作' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: '下载' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('法院判决书.pdf');

    // A claim aided above the floor shows its ratio without a flag; below it, flagged (where the floor applies).
    await r.openTab('健康与残疾');
    await page.getByRole('button', { name: '登记医疗救助' }).click();
    await r.text(r.dialog(), '合规医疗费用（元）', '2000');
    await r.text(r.dialog(), '救助金额（元）', '1500.5');
    await expect(r.dialog().getByTestId('aid-ratio-preview')).toHaveText(/75%/);
    await r.save();
    await expect(r.rows('医疗救助').filter({ hasText: '¥1,500.50' })).toContainText('75%');
    await expect(page.getByTestId('aid-below-floor')).toHaveCount(0);
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
