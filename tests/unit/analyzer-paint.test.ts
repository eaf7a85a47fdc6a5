import { describe, expect, it } from 'vitest';
import { paintedSeverity } from '@/lib/content/analyzer';

describe('paintedSeverity', () => {
  it('paints a curated clause with its provision severity, whatever the classifier said', () => {
    expect(paintedSeverity({ severity: null }, { severity: 'high' })).toBe('high');
    expect(paintedSeverity({ severity: 'low' }, { severity: 'info' })).toBe('info');
  });

  it('paints automatic findings from low severity up, and leaves informational ones to the panel', () => {
    expect(paintedSeverity({ severity: 'medium' }, null)).toBe('medium');
    expect(paintedSeverity({ severity: 'low' }, null)).toBe('low');
    expect(paintedSeverity({ severity: 'info' }, null)).toBeNull();
    expect(paintedSeverity({ severity: null }, null)).toBeNull();
  });
});
