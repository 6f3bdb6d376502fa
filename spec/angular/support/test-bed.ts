/**
 * Initializes Angular's TestBed once per spec file (JIT: `@angular/compiler` compiles the specs'
 * components). A spec with zone.js imports `zone.js` before this.
 */
import '@angular/compiler';
import { getTestBed } from '@angular/core/testing';
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing';

const testBed = getTestBed();
if (!testBed.platform)
  testBed.initTestEnvironment(BrowserTestingModule, platformBrowserTesting(), { teardown: { destroyAfterEach: true } });
