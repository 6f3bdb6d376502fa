import { TestScheduler } from 'rxjs/testing';
import { tokenExpiry } from '../../../lib/auth/server/token-expiry.js';

describe('tokenExpiry', () => {
  const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

  it('emits once at exp on the scheduler clock, then completes', () => {
    scheduler().run(({ expectObservable }) => {
      expectObservable(tokenExpiry({ expiresAt: 5 })).toBe('5000ms (x|)', { x: undefined });
    });
  });

  it('measures from when it is subscribed, and emits at once for a token already expired', () => {
    const test = scheduler();
    test.run(({ expectObservable }) => {
      const expiry = tokenExpiry({ expiresAt: 5 }, test);
      expectObservable(expiry, '2000ms ^').toBe('5000ms (x|)', { x: undefined });
      expectObservable(tokenExpiry({ expiresAt: 1 }, test), '2000ms ^').toBe('2000ms (x|)', { x: undefined });
    });
  });

  it('never emits for a token without exp', () => {
    scheduler().run(({ expectObservable }) => {
      expectObservable(tokenExpiry({}), '^ 9999ms !').toBe('');
    });
  });

  it('emits nothing a millisecond before exp', () => {
    scheduler().run(({ expectObservable }) => {
      expectObservable(tokenExpiry({ expiresAt: 5 }), '^ 4998ms !').toBe('');
    });
  });
});
