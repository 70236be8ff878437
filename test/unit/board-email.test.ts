// Proves the board email cannot be made to carry extra headers or live markup, whatever the config's names hold.
import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { buildBoardMessage } from '../../shared/mail/board-email';
import { evaluationOf } from '../support/builders';
import { exampleConfig } from '../support/fixtures';

describe('the board email', () => {
  it('keeps a name with CR/LF and markup on one header line and escaped in the body', async () => {
    const config = exampleConfig();
    config.trust.name = 'Riverbend <b>Trust</b>\r\nBcc: attacker@example.com\r\nX-Injected: yes';
    const e = evaluationOf(config);
    const raw = await buildBoardMessage(config, e, { kind: 'attached', pdf: Buffer.from('%PDF') });
    const mail = await simpleParser(raw);

    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.headers.has('x-injected')).toBe(false);
    expect(mail.subject).toBe(
      'Riverbend <b>Trust</b> Bcc: attacker@example.com X-Injected: yes: the improvement model is judged Concern for 2026-autumn',
    );
    expect(mail.html).toContain('Riverbend &lt;b&gt;Trust&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Trust</b>');
    expect(mail.to).toMatchObject({ text: 'board@riverbend-trust.example, chair@riverbend-trust.example' });
  });
  it('names each criterion in words beside its rating, and its subject reads as a sentence', async () => {
    const config = exampleConfig();
    const e = evaluationOf(config);
    const mail = await simpleParser(
      await buildBoardMessage(config, e, { kind: 'attached', pdf: Buffer.from('%PDF') }),
    );
    expect(mail.subject).toMatch(
      /^Riverbend Learning Trust: the improvement model is judged \w[\w ]* for 2026-autumn$/,
    );
    for (const c of e.criteria) {
      expect(c.title.length).toBeGreaterThan(20);
      expect(mail.text).toContain(`${c.id} ${c.title}:`);
      expect(mail.html).toContain(c.title.replace(/'/g, '&#39;'));
    }
  });
});
