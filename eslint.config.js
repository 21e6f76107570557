// Lint rules that keep the process boundaries: shared/ imports no Node, DOM, React or Electron;
// renderer/ never imports electron/ or server/; server/ never imports electron/ or renderer/.
import tseslint from 'typescript-eslint'

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

export default tseslint.config(
  { ignores: ['out/**', 'data/**', 'node_modules/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['shared/**'],
    rules: restrict(['node:*', 'electron', 'react', 'react-dom', '**/server/**', '**/electron/**', '**/renderer/**']),
  },
  { files: ['renderer/**'], rules: restrict(['node:*', 'electron', '**/electron/**', '**/server/**']) },
  { files: ['server/**'], rules: restrict(['electron', 'react', '**/electron/**', '**/renderer/**']) },
  { files: ['electron/core/**'], rules: restrict(['electron', 'react', '**/renderer/**', '**/electron/main/**']) },
)
