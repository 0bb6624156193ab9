// `npm run cycles`: no import cycles between folders of src/ (server → review → … → server), nor between
// modules. Part of `npm run check`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'Folders of src/ must not import each other in a loop (engineering.md: each part owns its data).',
      scope: 'folder',
      // Known, owned by the extraction core (not the service): extract/tables.ts uses checks/sums.ts and
      // checks/cross.ts uses extract/budget.ts's budgetTableTotal. Any other folder cycle fails.
      from: { path: '^src/', pathNot: '^src/(extract|checks)$' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment: 'No circular imports between modules.',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
