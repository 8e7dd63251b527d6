// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The architecture's boundaries, enforced (DESIGN.md, "Layers"):
 * - renderer/ talks to the app only through window.api: never db/, electron/ or Node built-ins;
 * - electron/rules/ is pure policy logic: it may import shared/ and its own files, nothing else;
 * - shared/ is imported by both sides: zod and its own files only;
 * - only electron/main and electron/preload may import 'electron' (the rest runs in plain Node).
 * tests/unit/lint/boundaries.test.ts proves each rule fires.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'util', 'stream'];

const rendererBoundary = {
  patterns: [
    { group: ['**/db', '**/db/**', '../db/*'], message: 'renderer/ 不能直接访问数据库：请通过 window.api 调用服务（DESIGN.md）。' },
    { group: ['**/electron', '**/electron/**'], message: 'renderer/ 不能导入 electron/ 的代码：只能通过 window.api。' },
    { group: ['electron', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', ...nodeBuiltins], message: 'renderer/ 在浏览器沙箱中运行，不能使用 Node/Electron 模块。' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'tmp/**',
      'db/migrations/**',
      'tests/unit/lint/fixtures/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', rendererBoundary],
    },
  },
  {
    files: ['electron/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.\\.?/)(?!\\.\\./\\.\\./shared/)',
              message: 'electron/rules 只能导入 shared/ 和本目录的文件：规则必须是纯函数（RULES.md）。',
            },
            {
              regex: '^\\.\\./(?!\\.\\./shared/)',
              message: 'electron/rules 只能导入 shared/ 和本目录的文件：规则必须是纯函数（RULES.md）。',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.\\.?/)(?!zod$)',
              message: 'shared/ 两端共用：只能导入 zod 和 shared/ 内的文件。',
            },
            { regex: '^\\.\\./\\.\\./', message: 'shared/ 不能导入 shared/ 之外的代码。' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: '只有 electron/main 和 electron/preload 可以导入 electron：服务必须能在纯 Node 中运行和测试。' }],
          patterns: [
            { regex: '(^|/)\\.\\./\\.\\./(demo|host|main)/', message: '服务不能导入 electron/demo、electron/host 或 electron/main：箭头只朝一个方向（DESIGN.md）。' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/host/**/*.ts', 'electron/demo/**/*.ts', 'db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: '只有 electron/main 和 electron/preload 可以导入 electron：服务必须能在纯 Node 中运行和测试。' }],
        },
      ],
    },
  },
);
