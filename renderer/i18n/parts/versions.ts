import type { Widen } from './widen';

/** One-click steps refused because the row changed at another desk since the page read it (issue 19.4). */
export const versionsZh = {
  staleTitle: '未执行：此记录已被他人修改',
  staleBy: '{who}于{when}修改了此记录，您的操作没有执行。页面已更新，请核对后再操作。',
  staleNoWho: '此记录已被他人修改，您的操作没有执行。页面已更新，请核对后再操作。',
  photoKept: '上传的照片已保存在“文件”中，核对后可再设为照片。',
};

export const versionsEn: Widen<typeof versionsZh> = {
  staleTitle: 'Not done: someone else changed this record',
  staleBy: '{who} changed this record at {when}; your step was not taken. The page has been refreshed: check it and try again.',
  staleNoWho: 'Someone else changed this record; your step was not taken. The page has been refreshed: check it and try again.',
  photoKept: 'The uploaded photo is kept under Documents; after checking, you can set it as the photo again.',
};
