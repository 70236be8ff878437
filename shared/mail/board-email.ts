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

/** Header values must be one line: a CR or LF in a name would let text forge extra headers. */
const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();

export function boardEmailContent(e: Evaluation): BoardEmail {
  const subject = oneLine(
    `${e.trustName}: improvement model assurance ${e.cycleId}: ${RATING_LABEL[e.overall.rating]}`,
  );
  const lines = [
    `${e.trustName}: board report on the improvement model, cycle ${e.cycleId} (${e.cycleStart} to ${e.cycleEnd}).`,
    '',
    `Overall judgement: ${RATING_LABEL[e.overall.rating]} (${TREND_LABEL[e.overall.trend]}).`,
    '',
    ...e.criteria.map((c) => `${c.id} ${RATING_LABEL[c.rating]} (${TREND_LABEL[c.trend]}): ${c.reasoning}`),
    '',
    ...(e.boardQuestions.length
      ? [
          'Questions for the board:',
          ...e.boardQuestions.flatMap((q) => q.questions.map((t) => `- ${q.criterion}: ${t}`)),
        ]
      : []),
    '',
    'The full report is attached.',
  ];
  const body = html`<!doctype html>
    <html lang="en-GB">
      <body style="font-family:system-ui,sans-serif;color:#1a1a1a;max-width:40rem">
        <h1 style="font-size:1.3rem">${e.trustName}: improvement model assurance</h1>
        <p>Cycle <strong>${e.cycleId}</strong>, ${e.cycleStart} to ${e.cycleEnd}.</p>
        <p>
          Overall judgement:
          <strong
            style="background:${RATING_COLOUR[e.overall.rating].bg};color:${RATING_COLOUR[e.overall.rating].fg};padding:2px 8px;border-radius:8px"
            >${RATING_LABEL[e.overall.rating]}</strong
          >
          (${TREND_LABEL[e.overall.trend]})
        </p>
        <table style="border-collapse:collapse">
          ${e.criteria.map(
            (c) =>
              html`<tr>
                <td style="padding:4px 8px;vertical-align:top"><strong>${c.id}</strong></td>
                <td style="padding:4px 8px;vertical-align:top">
                  ${RATING_LABEL[c.rating]}<br /><small>${TREND_LABEL[c.trend]}</small>
                </td>
                <td style="padding:4px 8px">${c.reasoning}</td>
              </tr>`,
          )}
        </table>
        ${
          e.boardQuestions.length
            ? html`<h2 style="font-size:1.1rem">Questions for the board</h2>
                <ul>
                  ${e.boardQuestions.flatMap((q) => q.questions.map((t) => html`<li>${q.criterion}: ${t}</li>`))}
                </ul>`
            : ''
        }
        <p>The full report is attached.</p>
      </body>
    </html>`;
  return { subject, text: lines.join('\n'), html: body.value };
}

export interface Attachment {
  filename: string;
  content: string | Buffer;
  contentType: string;
}

/** The whole MIME message, built by nodemailer's composer so encoding and headers are done right. */
export async function buildBoardMessage(
  config: TrustConfig,
  e: Evaluation,
  attachments: Attachment[],
): Promise<Buffer> {
  const content = boardEmailContent(e);
  const composer = new MailComposer({
    from: { name: oneLine(`${config.trust.name} QA`), address: config.email.sender },
    to: config.board.recipients,
    subject: content.subject,
    text: content.text,
    html: content.html,
    attachments: attachments.map((a) => ({
      filename: oneLine(a.filename),
      content: a.content,
      contentType: a.contentType,
    })),
  });
  return composer.compile().build();
}
