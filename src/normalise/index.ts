// Normalisation: DocTree → Doc. Unwraps lines broken mid-phrase, drops markdown markers, rebuilds
// pipe-delimited and tab-indented tables and tells layout tables from content tables.
export { normalise } from './normalise.js';
