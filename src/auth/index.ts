export * from './keys.js';
export * from './roles.js';
