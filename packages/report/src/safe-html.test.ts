import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonForScript, trustedHtml } from './safe-html';

describe('html', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const reply = '<script>alert("x")</script>';
    const name = `" onmouseover='alert(1)`;
    expect(html`<td title="${name}">${reply}</td>`.value).toBe(
      '<td title="&quot; onmouseover=&#39;alert(1)">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>',
    );
  });

  it('keeps nested html, joins arrays, and drops undefined, null and false', () => {
    const rows = ['a&b', 'c'].map((cell) => html`<td>${cell}</td>`);
    expect(html`<tr>${rows}${undefined}${null}${false}${0}</tr>`.value).toBe(
      '<tr><td>a&amp;b</td><td>c</td>0</tr>',
    );
    expect(html`${trustedHtml('<b>ok</b>')}`.value).toBe('<b>ok</b>');
  });

  it('escapes the five characters that matter', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('jsonForScript', () => {
  it('cannot close its script element, and parses back to the same value', () => {
    const value = { reply: '</script><script>alert(1)</script> & \u2028' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
