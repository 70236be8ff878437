// Proves the form's QR code is a self-contained SVG with a title, different for each link.
import { describe, expect, it } from 'vitest';
import { qrSvg } from '../../shared/feedback/qr';

describe('qrSvg', () => {
  it('draws the link as an SVG image with a title, escaped', () => {
    const svg = qrSvg('https://x.example/f/abc', 'QR code for <the form>');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
    expect(svg).toContain('<title id="qr-title">QR code for &lt;the form&gt;</title>');
    expect(svg).toMatch(/<path d="(M\d+ \d+h1v1h-1z)+" fill="#000"\/>/);
  });

  it('differs from one link to another', () => {
    expect(qrSvg('https://x.example/f/abc', 't')).not.toBe(qrSvg('https://x.example/f/abd', 't'));
  });
});
