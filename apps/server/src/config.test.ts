import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, withListeningPort } from './config.ts';

describe('configuration from the environment', () => {
  it('runs the embedded single-machine mode with no environment at all', () => {
    const config = loadConfig({}, '/srv/colab');
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      redisUrl: undefined,
      dataDir: '/srv/colab/data',
      publicUrl: 'http://localhost:3000',
      sessionSecret: undefined,
      logLevel: 'info',
    });
    expect(config.allowedOrigins.sort()).toEqual([
      'http://127.0.0.1:3000',
      'http://localhost:3000',
    ]);
  });

  it('takes the port, data folder, database and public URL from the environment', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        COLAB_DATA_DIR: '/var/lib/colab',
        DATABASE_URL: 'postgres://colab@db:5432/colab',
        REDIS_URL: 'redis://cache:6379',
        PUBLIC_URL: 'https://colab.example.org/',
        SESSION_SECRET: 'x'.repeat(40),
        ALLOWED_ORIGINS: 'https://admin.example.org, https://other.example.org/path',
      },
      '/',
    );
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/var/lib/colab',
      databaseUrl: 'postgres://colab@db:5432/colab',
      redisUrl: 'redis://cache:6379',
      publicUrl: 'https://colab.example.org',
    });
    expect(config.allowedOrigins).toEqual([
      'https://colab.example.org',
      'https://admin.example.org',
      'https://other.example.org',
    ]);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).databaseUrl).toBeUndefined();
  });

  it('names every invalid variable in one error', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SESSION_SECRET: 'short' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*SESSION_SECRET/);
  });

  it('re-derives the public URL for a server that asked for any free port', () => {
    const config = withListeningPort(loadConfig({ PORT: '0' }), 43_210);
    expect(config.publicUrl).toBe('http://localhost:43210');
    expect(config.allowedOrigins).toContain('http://127.0.0.1:43210');
    const fixed = withListeningPort(
      loadConfig({ PORT: '0', PUBLIC_URL: 'https://colab.example.org' }),
      43_210,
    );
    expect(fixed.publicUrl).toBe('https://colab.example.org');
  });
});
