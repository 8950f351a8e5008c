// The nvidia-smi CSV parser: real rows, the markers drivers print for unreadable figures, and junk.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LineSplitter,
  nvidiaSmiArgs,
  parseNvidiaSmiLine,
} from '../../src/core/hardware/nvidiaSmiParser';

const MIB = 1024 * 1024;

describe('parseNvidiaSmiLine', () => {
  it('reads a full row, memory converted from MiB to bytes', () => {
    assert.deepEqual(parseNvidiaSmiLine('0, 97, 19004, 24564, 61, 402.55'), {
      index: 0,
      utilization: 97,
      memory_used: 19004 * MIB,
      memory_total: 24564 * MIB,
      temperature: 61,
      power_draw: 402.55,
    });
  });

  it('leaves [N/A] and [Not Supported] figures absent, never 0', () => {
    const s = parseNvidiaSmiLine('1, [Not Supported], 5, 8188, 34, [N/A]');
    assert.deepEqual(s, {
      index: 1,
      memory_used: 5 * MIB,
      memory_total: 8188 * MIB,
      temperature: 34,
    });
    assert.equal('utilization' in s!, false);
    assert.equal('power_draw' in s!, false);
    const lost = parseNvidiaSmiLine('2, [Unknown Error], [GPU is lost], N/A, , [N/A]');
    assert.deepEqual(lost, { index: 2 });
  });

  it('tolerates units an older driver leaves in, and CRLF line ends', () => {
    assert.deepEqual(parseNvidiaSmiLine('0, 5 %, 100 MiB, 200 MiB, 40, 55.5 W\r'), {
      index: 0,
      utilization: 5,
      memory_used: 100 * MIB,
      memory_total: 200 * MIB,
      temperature: 40,
      power_draw: 55.5,
    });
  });

  it('rejects what is not a row', () => {
    for (const junk of [
      '',
      "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.",
      'index, utilization.gpu [%], memory.used [MiB], memory.total [MiB], temperature.gpu, power.draw [W]',
      '0, 97, 19004, 24564, 61',
      '0, 97, 19004, 24564, 61, 402.55, 7',
      'x, 97, 19004, 24564, 61, 402.55',
      '-1, 97, 19004, 24564, 61, 402.55',
      '0.5, 97, 19004, 24564, 61, 402.55',
      '0, ninety, 19004, 24564, 61, 402.55',
      'ERR!, ??',
    ]) {
      assert.equal(parseNvidiaSmiLine(junk), undefined, junk);
    }
  });
});

describe('nvidiaSmiArgs', () => {
  it('asks for one long-lived CSV stream of the six columns and the evidence columns', () => {
    assert.deepEqual(nvidiaSmiArgs(500), [
      '--query-gpu=index,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw,total_energy_consumption,clocks_throttle_reasons.active,clocks.sm,clocks.mem',
      '--format=csv,noheader,nounits',
      '-lms',
      '500',
    ]);
  });

  it('asks for the six columns alone for a driver that refuses the evidence columns', () => {
    assert.equal(
      nvidiaSmiArgs(500, false)[0],
      '--query-gpu=index,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw',
    );
  });

  it('never asks for a loop faster than 100 ms', () => {
    assert.equal(nvidiaSmiArgs(20).at(-1), '100');
    assert.equal(nvidiaSmiArgs(249.6).at(-1), '250');
  });
});

describe('LineSplitter', () => {
  it('keeps a partial line until its end arrives', () => {
    const split = new LineSplitter();
    assert.deepEqual(split.push('0, 1, 2, 3, 4, 5\n1, 1,'), ['0, 1, 2, 3, 4, 5']);
    assert.deepEqual(split.push(' 2, 3, 4, 5\r\n'), ['1, 1, 2, 3, 4, 5']);
    assert.deepEqual(split.push(''), []);
  });

  it('drops an endless line instead of growing without bound', () => {
    const split = new LineSplitter();
    split.push('x'.repeat(70 * 1024));
    assert.deepEqual(split.push('tail\n'), ['tail']);
  });
});
