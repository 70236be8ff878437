import MailComposer from 'nodemailer/lib/mail-composer';
import type { Evaluation } from '../domain/evaluation';
import type { TrustConfig } from '../schemas/config';
import { html } from '../report/escape';
import { RATING_COLOUR, RATING_LABEL, TREND_LABEL } from '../report/labels';

export interface BoardEmail {
  subject: string;
  text: string;
  html: string;
}

/** How the board gets the PDF: attached, or (when too large, or when the trust prefers) a time-limited link. */
export type Delivery = { kind: 'attached'; pdf: Buffer } | { kind: 'link'; url: string; validUntil: Date };

/** Header values must be one line: a CR or LF in a name would let text forge extra headers. */
export const oneLine = (s: string) =>
  s
    .replace(/[\r\n\u2028\u2029\u0085]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();

/**
 * The email body: the headline and the five ratings in thirty seconds, then the questions to ask.
 * Every value goes through the escaping template; only the trust's own config, the rubric's words
 * and the QA lead's commentary appear, never a practitioner comment.
 */
export function boardEmailContent(e: Evaluation, how: Delivery): BoardEmail {
  const subject = oneLine(
    `${e.trustName}: the improvement model is judged ${RATING_LABEL[e.overall.rating]} for ${e.cycleId}`,
  );
  const reportLine =
    how.kind === 'attached'
      ? 'The full board report is attached as a PDF.'
      : `The full board report (PDF) can be downloaded until ${how.validUntil.toISOString().slice(0, 10)}: ${how.url}`;
  const lines = [
    `${e.trustName}: board report on the improvement model, cycle ${e.cycleId} (${e.cycleStart} to ${e.cycleEnd}).`,
    '',
    `Overall judgement: ${RATING_LABEL[e.overall.rating]} (${TREND_LABEL[e.overall.trend]} since the last cycle).`,
    '',
    ...(e.review?.commentary ? ['From the quality assurance lead:', e.review.commentary, ''] : []),
    'The five criteria:',
    ...e.criteria.flatMap((c) => [
      `${c.id} ${c.title}: ${RATING_LABEL[c.rating]} (${TREND_LABEL[c.trend]}).`,
      `   ${c.reasoning}`,
    ]),
    '',
    ...(e.boardQuestions.length
      ? [
          'Questions for the board:',
          ...e.boardQuestions.flatMap((q) => q.questions.map((t) => `- ${q.criterion}: ${t}`)),
          '',
        ]
      : []),
    reportLine,
  ];
  const cell = 'padding:6px 8px;vertical-align:top;border-bottom:1px solid #ddd';
  const body = html`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${subject}</title></head><body style="font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;max-width:640px;line-height:1.45">
<p style="color:#555;margin:0">Improvement model quality assurance</p>
<h1 style="font-size:20px;margin:4px 0 8px">${e.trustName}</h1>
<p style="margin:0 0 12px">Cycle <strong>${e.cycleId}</strong>, ${e.cycleStart} to ${e.cycleEnd}.</p>
<p style="font-size:16px">Overall judgement: <strong style="background:${RATING_COLOUR[e.overall.rating].bg};color:${RATING_COLOUR[e.overall.rating].fg};padding:2px 10px;border-radius:10px">${RATING_LABEL[e.overall.rating]}</strong> <span style="color:#555">${TREND_LABEL[e.overall.trend]} since the last cycle</span></p>
${e.review?.commentary ? html`<h2 style="font-size:16px;margin-top:18px">From the quality assurance lead</h2><blockquote style="margin:0 0 12px;padding:6px 12px;border-left:4px solid #ccc;white-space:pre-wrap">${e.review.commentary}</blockquote>` : ''}
<h2 style="font-size:16px;margin-top:18px">The five criteria</h2>
<table style="border-collapse:collapse;width:100%" role="presentation">${e.criteria.map((c) => html`<tr><td style="${cell}"><strong>${c.id}</strong><br><span style="font-size:13px">${c.title}</span></td><td style="${cell};white-space:nowrap"><span style="background:${RATING_COLOUR[c.rating].bg};color:${RATING_COLOUR[c.rating].fg};padding:1px 8px;border-radius:8px">${RATING_LABEL[c.rating]}</span><br><small style="color:#555">${TREND_LABEL[c.trend]}</small></td><td style="${cell}">${c.reasoning}</td></tr>`)}</table>
${e.boardQuestions.length ? html`<h2 style="font-size:16px;margin-top:18px">Questions for the board</h2><ul>${e.boardQuestions.flatMap((q) => q.questions.map((t) => html`<li>${q.criterion}: ${t}</li>`))}</ul>` : ''}
<p>${how.kind === 'attached' ? 'The full board report is attached as a PDF.' : html`<a href="${how.url}">Download the full board report (PDF)</a>, available until ${how.validUntil.toISOString().slice(0, 10)}.`}</p>
</body></html>`;
  return { subject, text: lines.join('\n'), html: body.value };
}

/** The whole MIME message, built by nodemailer's composer so encoding and headers are done right. */
export async function buildBoardMessage(config: TrustConfig, e: Evaluation, how: Delivery): Promise<Buffer> {
  const content = boardEmailContent(e, how);
  const composer = new MailComposer({
    from: { name: oneLine(`${config.trust.name} QA`), address: config.email.sender },
    to: config.board.recipients,
    subject: content.subject,
    text: content.text,
    html: content.html,
    attachments:
      how.kind === 'attached'
        ? [
            {
              filename: oneLine(`board-report-${e.cycleId}.pdf`),
              content: how.pdf,
              contentType: 'application/pdf',
            },
          ]
        : [],
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}
