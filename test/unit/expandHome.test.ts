import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { expandHome } from '../../src/core/paths/expandHome';

describe('expandHome', () => {
  it('expands ~ and ~/ only', () => {
    assert.equal(expandHome('~'), homedir());
    assert.equal(expandHome('~/exports'), join(homedir(), 'exports'));
    assert.equal(expandHome('~bob/exports'), '~bob/exports');
    assert.equal(expandHome('/tmp/~/x'), '/tmp/~/x');
  });
});
