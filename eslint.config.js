import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

const features = ['tokens', 'compare', 'chat', 'batch', 'model'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public/tokenizers', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'import-x/no-restricted-paths': ['error', {
        zones: [
          // The pure core runs in Node tests and in the worker: nothing app-side may leak in.
          { target: './src/core', from: ['./src/worker', './src/lib', './src/stores', './src/components', './src/features', './src/app'] },
          { target: './src/worker', from: ['./src/lib', './src/stores', './src/components', './src/features', './src/app'] },
          { target: './src/components', from: ['./src/features', './src/app'] },
          { target: './src/stores', from: ['./src/features', './src/app'] },
          { target: './src/lib', from: ['./src/features', './src/app', './src/stores', './src/components'] },
          ...features.map((f) => ({
            target: `./src/features/${f}`,
            from: features.filter((o) => o !== f).map((o) => `./src/features/${o}`),
            message: 'Features do not import each other; compose them in src/app.',
          })),
          { target: './src', from: ['./tests', './scripts'] },
        ],
      }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*'], message: 'src/core is pure TypeScript.' }] }],
      'no-restricted-globals': ['error', 'fetch', 'window', 'document', 'self', 'navigator', 'localStorage', 'sessionStorage'],
    },
  },
);
