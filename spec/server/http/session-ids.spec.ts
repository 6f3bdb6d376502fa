import { newSessionId, SESSION_ID_BYTES, SessionTable } from '../../../lib/server/http/session-ids.js';

describe('session ids', () => {
  it('are 256 random bits from the CSPRNG, base64url (visible ASCII), never repeated', () => {
    expect(SESSION_ID_BYTES * 8).toBeGreaterThanOrEqual(128);
    const ids = Array.from({ length: 2000 }, () => newSessionId());
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(id, 'base64url')).toHaveLength(SESSION_ID_BYTES);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('are found only by the exact id: not a prefix, an extension, a one-character change or a case change', () => {
    const table = new SessionTable<string>();
    const id = newSessionId();
    table.set(id, 'session');
    expect(table.get(id)).toBe('session');
    const flipped = `${id.slice(0, 20)}${id[20] === 'A' ? 'B' : 'A'}${id.slice(21)}`;
    for (const guess of [
      id.slice(0, 42),
      `${id}A`,
      flipped,
      id.toUpperCase() === id ? id.toLowerCase() : id.toUpperCase(),
      '',
      'é'.repeat(43),
    ]) {
      expect(table.get(guess)).toBeUndefined();
      expect(table.has(guess)).toBe(false);
      expect(table.delete(guess)).toBe(false);
    }
    expect(table.size).toBe(1);
    expect([...table.values()]).toEqual(['session']);
    expect(table.delete(id)).toBe(true);
    expect(table.get(id)).toBeUndefined();
    expect(table.size).toBe(0);
  });
});
