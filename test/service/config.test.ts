import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('defaults to the embedded mode in ./data', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
    expect(c.dataDir).toBe('./data');
    expect(c.maxFileBytes).toBe(20 * 1024 * 1024);
  });

  it('reads limits from the environment', () => {
    const c = loadConfig({ KEHOACH_MAX_FILE_BYTES: '1024', KEHOACH_MAX_FILES: '3', KEHOACH_DATA_DIR: '/tmp/x' });
    expect([c.maxFileBytes, c.maxFiles, c.dataDir]).toEqual([1024, 3, '/tmp/x']);
  });

  it('refuses invalid or inconsistent settings with a clear message', () => {
    expect(() => loadConfig({ KEHOACH_MAX_FILES: 'many' })).toThrow(/KEHOACH_MAX_FILES/);
    expect(() => loadConfig({ REDIS_URL: 'redis://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ KEHOACH_WEBHOOK_URL: 'https://x.example/h' })).toThrow(/SECRET/);
    expect(() => loadConfig({ KEHOACH_DB_SCHEMA: 'bad-name;drop' })).toThrow(/KEHOACH_DB_SCHEMA/);
  });
});
