import { describe, expect, it } from 'vitest';
import { sandboxAgentUrl } from './tools.js';

describe('sandboxAgentUrl', () => {
  it('is the controller URL, then /api/a2a-sandboxes/<ns>/<name>', () => {
    expect(sandboxAgentUrl('http://kagent-controller.kagent:8083', 'research', 'data-lab')).toBe('http://kagent-controller.kagent:8083/api/a2a-sandboxes/research/data-lab');
  });

  it('follows a custom --controller-url without doubling its trailing slash', () => {
    expect(sandboxAgentUrl('https://ctl.example/', 'ns', 'runner')).toBe('https://ctl.example/api/a2a-sandboxes/ns/runner');
  });
});
