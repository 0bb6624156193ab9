// Bumped whenever extraction output can change: results are stored per (document, extractor version).
export const EXTRACTOR_NAME = 'kehoach';
export const EXTRACTOR_VERSION = '0.1.0';
