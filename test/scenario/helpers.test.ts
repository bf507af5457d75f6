import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/scenario/index.js';
import { allowedText } from '../../src/scenario/schema/allowed-text.js';
import { canonicalJson } from '../../src/scenario/fill-defaults.js';
import { fieldName } from '../../src/scenario/read/source-node.js';
import { Type } from '@sinclair/typebox';

describe('didYouMean', () => {
  it('suggests the closest known word within two edits, ignoring case', () => {
    expect(didYouMean('shar', ['share', 'priority'])).toBe('share');
    expect(didYouMean('grantrate', ['share', 'grantRate'])).toBe('grantRate');
    expect(didYouMean('minWait', ['minWaitWeeks', 'share'])).toBe('minWaitWeeks');
    expect(didYouMean('perYar', ['perWeek', 'perYear'])).toBe('perYear');
  });

  it('suggests a word that starts with it, or that it starts with', () => {
    expect(didYouMean('horizon', ['horizonWeeks', 'seed'])).toBe('horizonWeeks');
    expect(didYouMean('replicationsCount', ['replications'])).toBe('replications');
  });

  it('suggests nothing when no word is close', () => {
    expect(didYouMean('foo', ['share', 'grantRate'])).toBeNull();
    expect(didYouMean('ho', ['horizonWeeks'])).toBeNull();
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps list order', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    expect(canonicalJson({ y: null, x: 'é' })).toBe('{"x":"é","y":null}');
  });
});

describe('allowedText and fieldName', () => {
  it('say ranges the way the messages do', () => {
    expect(allowedText(Type.Number({ minimum: 0, maximum: 1 }))).toBe('a number in [0, 1]');
    expect(allowedText(Type.Number({ exclusiveMinimum: 0, maximum: 1 }))).toBe('a number in (0, 1]');
    expect(allowedText(Type.Number({ exclusiveMinimum: 0 }))).toBe('a number > 0');
    expect(allowedText(Type.Integer({ minimum: 0 }))).toBe('an integer >= 0');
    expect(allowedText(Type.Number())).toBe('a number');
  });

  it('writes dotted paths with list indexes in brackets', () => {
    expect(fieldName(['lanes', 'regular', 'share'])).toBe('lanes.regular.share');
    expect(fieldName(['calendar', 0, 'to'])).toBe('calendar[0].to');
    expect(fieldName([])).toBe('');
  });
});
