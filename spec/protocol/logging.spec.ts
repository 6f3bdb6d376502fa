import { LOGGING_LEVELS, LoggingLevelSchema, isLoggingLevelEnabled } from '../../lib/protocol/index.js';
import { officialSchema } from './oracle.js';

describe('logging levels', () => {
  it('are the levels of the spec, least severe first', () => {
    expect([...LOGGING_LEVELS].sort()).toEqual([...(officialSchema.$defs['LoggingLevel']!['enum'] as string[])].sort());
    expect(LOGGING_LEVELS[0]).toBe('debug');
    expect(LOGGING_LEVELS[LOGGING_LEVELS.length - 1]).toBe('emergency');
    expect(LoggingLevelSchema.options).toEqual(LOGGING_LEVELS);
  });

  it.each([
    ['error', 'warning', true],
    ['warning', 'warning', true],
    ['info', 'warning', false],
    ['debug', 'debug', true],
    ['emergency', 'alert', true],
    ['notice', 'critical', false],
  ] as const)('%s passes a %s threshold: %s', (level, threshold, expected) => {
    expect(isLoggingLevelEnabled(level, threshold)).toBe(expected);
  });
});
