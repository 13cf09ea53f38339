import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkCollector } from '@pass-check/elements';

const chunk = (i, n, body = 'x') => `shc:/${i}/${n}/${body}${i}`;

describe('ChunkCollector', () => {
  it('passes a text that is not a chunk straight through', () => {
    const collector = new ChunkCollector();
    assert.deepEqual(collector.add('shc:/5676290952432060'), { kind: 'single', text: 'shc:/5676290952432060' });
    assert.deepEqual(collector.add('HC1:ABC'), { kind: 'single', text: 'HC1:ABC' });
    assert.equal(collector.progress, undefined);
  });

  it('collects chunks in any order and returns them sorted when complete', () => {
    const collector = new ChunkCollector();
    assert.deepEqual(collector.add(chunk(3, 3)), { kind: 'partial', progress: { have: 1, total: 3 } });
    assert.deepEqual(collector.add(chunk(1, 3)), { kind: 'partial', progress: { have: 2, total: 3 } });
    assert.deepEqual(collector.progress, { have: 2, total: 3 });
    assert.deepEqual(collector.add(chunk(2, 3)), { kind: 'complete', chunks: [chunk(1, 3), chunk(2, 3), chunk(3, 3)] });
    assert.equal(collector.progress, undefined, 'a completed card is forgotten');
  });

  it('counts the same chunk seen again once, and says it holds it', () => {
    const collector = new ChunkCollector();
    collector.add(chunk(1, 2));
    assert.equal(collector.holds(chunk(1, 2)), true);
    assert.equal(collector.holds(chunk(2, 2)), false);
    assert.deepEqual(collector.add(chunk(1, 2)), { kind: 'partial', progress: { have: 1, total: 2 } });
  });

  it('starts a new card when the total changes', () => {
    const collector = new ChunkCollector();
    collector.add(chunk(1, 3));
    collector.add(chunk(2, 3));
    assert.deepEqual(collector.add(chunk(1, 2, 'y')), { kind: 'partial', progress: { have: 1, total: 2 } });
  });

  it('forgets chunks older than its maximum age', () => {
    let now = 0;
    const collector = new ChunkCollector(1000, () => now);
    collector.add(chunk(1, 2));
    now = 1500;
    assert.deepEqual(collector.add(chunk(2, 2)), { kind: 'partial', progress: { have: 1, total: 2 } });
  });

  it('leaves impossible headers to the verifier', () => {
    const collector = new ChunkCollector();
    assert.equal(collector.add('shc:/4/3/123').kind, 'single');
    assert.equal(collector.add('shc:/0/3/123').kind, 'single');
    assert.equal(collector.add('shc:/1/1/123').kind, 'single');
    assert.equal(collector.add('shc:/1/999/123').kind, 'single');
  });
});
