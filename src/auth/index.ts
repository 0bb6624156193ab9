export * from './keys.js';
export * from './middleware.js';
export * from './problem.js';
export * from './roles.js';
export * from './router.js';
