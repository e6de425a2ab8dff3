import { expect, test } from 'vitest';
import { renderSheet } from '../../src/docs/sheet.js';
import { loadExample } from './helpers/load.js';

test('the sheet shows whom an answer path informs, in the chart and in the list', () => {
  const sheet = renderSheet(loadExample('msp'), { source: 'msp.yaml' });
  expect(sheet).toContain('owner: L2 systems engineer<br>inform: Client account manager<br>Reset within the hour');
  expect(sheet).toContain('- **A VIP** (`vip`) → **`p3` Normal** · owner L2 systems engineer · informs Client account manager ·');
});
