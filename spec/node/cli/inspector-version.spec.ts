import { inspectorVersionFor } from '../../../lib/node/cli/inspector-version.js';

describe('inspectorVersionFor', () => {
  it('picks an Inspector release whose engines accept the Node version', () => {
    expect(inspectorVersionFor('v20.19.0')).toBe('0.15.0');
    expect(inspectorVersionFor('v22.7.4')).toBe('0.15.0');
    expect(inspectorVersionFor('v22.7.5')).toBe('0.16.7');
    expect(inspectorVersionFor('v22.18.9')).toBe('0.16.7');
    expect(inspectorVersionFor('v22.19.0')).toBe('latest');
    expect(inspectorVersionFor('v24.1.0')).toBe('latest');
  });
});
