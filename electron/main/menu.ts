import type { MenuItemConstructorOptions } from 'electron';

export type MenuOptions = {
  isMac: boolean;
  /** Development build: adds reload and the developer tools to 视图. */
  isDev: boolean;
  productName: string;
  onAbout: () => void;
};

/** The application menu, in Chinese: 文件 / 编辑 / 视图 / 帮助 (plus the app menu on macOS). */
export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const about: MenuItemConstructorOptions = { label: `关于${options.productName}`, click: () => options.onAbout() };
  const appMenu: MenuItemConstructorOptions[] = options.isMac
    ? [
        {
          label: options.productName,
          submenu: [about, { type: 'separator' }, { role: 'hide', label: '隐藏' }, { role: 'hideOthers', label: '隐藏其他' }, { role: 'unhide', label: '全部显示' }, { type: 'separator' }, { role: 'quit', label: '退出' }],
        },
      ]
    : [];
  const devItems: MenuItemConstructorOptions[] = options.isDev
    ? [{ role: 'reload', label: '重新加载' }, { role: 'toggleDevTools', label: '开发者工具' }, { type: 'separator' }]
    : [];
  return [
    ...appMenu,
    {
      label: '文件',
      submenu: [options.isMac ? { role: 'close', label: '关闭窗口' } : { role: 'quit', label: '退出' }],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        ...devItems,
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
      ],
    },
    {
      label: '帮助',
      submenu: [about],
    },
  ];
}
