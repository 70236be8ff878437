import qrcode from 'qrcode-generator';
import { escapeHtml } from '../report/escape';

/**
 * A QR code as an SVG image, for the form's link on a poster or a slide: drawn square by square
 * (so it prints sharp at any size), with the quiet margin scanners need and a title for screen readers.
 */
export function qrSvg(text: string, title: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const count = qr.getModuleCount();
  const margin = 4;
  const size = count + 2 * margin;
  let path = '';
  for (let row = 0; row < count; row++)
    for (let col = 0; col < count; col++)
      if (qr.isDark(row, col)) path += `M${col + margin} ${row + margin}h1v1h-1z`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size * 8}" height="${size * 8}" shape-rendering="crispEdges" role="img" aria-labelledby="qr-title"><title id="qr-title">${escapeHtml(title)}</title><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}
