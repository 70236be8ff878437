import type { Evaluation } from '../domain/evaluation';
import { PILLARS, FRAMEWORK_CREDIT } from '../domain/pillars';
import { html, type Html } from './escape';
import { RATING_COLOUR, RATING_LABEL, TREND_LABEL, fmtMean, fmtPct } from './labels';

const badge = (rating: Evaluation['overall']['rating']) =>
  html`<span class="badge" style="background:${RATING_COLOUR[rating].bg};color:${RATING_COLOUR[rating].fg}"
    >${RATING_LABEL[rating]}</span
  >`;

/** The board report as one self-contained, print-friendly HTML page. */
export function renderHtmlReport(e: Evaluation): string {
  const p = e.practitioners;
  const body: Html = html`<!doctype html>
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${e.trustName}: improvement model assurance, ${e.cycleId}</title>
        <style>
          body {
            font-family:
              system-ui,
              -apple-system,
              'Segoe UI',
              Roboto,
              sans-serif;
            max-width: 60rem;
            margin: 0 auto;
            padding: 1.5rem;
            color: #1a1a1a;
            line-height: 1.5;
          }
          h1 {
            font-size: 1.8rem;
            margin-bottom: 0.25rem;
          }
          h2 {
            border-bottom: 2px solid #ddd;
            padding-bottom: 0.25rem;
            margin-top: 2rem;
          }
          .badge {
            display: inline-block;
            padding: 0.15rem 0.6rem;
            border-radius: 1rem;
            font-weight: 600;
          }
          table {
            border-collapse: collapse;
            width: 100%;
          }
          th,
          td {
            text-align: left;
            padding: 0.4rem;
            border-bottom: 1px solid #ddd;
            vertical-align: top;
          }
          blockquote {
            margin: 0.5rem 0;
            padding: 0.5rem 1rem;
            border-left: 4px solid #ccc;
            background: #f7f7f7;
            white-space: pre-wrap;
          }
          .muted {
            color: #555;
          }
          @media print {
            body {
              max-width: none;
            }
            h2 {
              break-after: avoid;
            }
          }
        </style>
      </head>
      <body>
        <header>
          <p class="muted">Improvement model quality assurance · board report</p>
          <h1>${e.trustName}</h1>
          <p>Cycle <strong>${e.cycleId}</strong>, ${e.cycleStart} to ${e.cycleEnd}</p>
          <p>
            Overall judgement: ${badge(e.overall.rating)}
            <span class="muted"
              >${TREND_LABEL[e.overall.trend]}${e.overall.greyCount ? `; ${e.overall.greyCount} criteria without enough evidence` : ''}</span
            >
          </p>
        </header>
        <main>
          <section>
            <h2>The five criteria</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Criterion</th>
                  <th scope="col">Rating</th>
                  <th scope="col">Since last cycle</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                ${e.criteria.map(
                  (c) =>
                    html`<tr>
                      <td><strong>${c.id}</strong> ${c.title}</td>
                      <td>${badge(c.rating)}</td>
                      <td>${TREND_LABEL[c.trend]}</td>
                      <td>
                        ${c.reasoning}${c.evidence.recordIds.length ? html`<br /><span class="muted">Evidence: ${c.evidence.recordIds.join(', ')}</span>` : ''}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>
          <section>
            <h2>Questions for the board</h2>
            ${
              e.boardQuestions.length
                ? html`<ul>
                    ${e.boardQuestions.flatMap((q) => q.questions.map((text) => html`<li><strong>${q.criterion}:</strong> ${text}</li>`))}
                  </ul>`
                : html`<p>No criterion is amber or red this cycle.</p>`
            }
          </section>
          <section>
            <h2>Practitioner ratings beside peer review</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Pillar</th>
                  <th scope="col">Practitioners (1-5)</th>
                  <th scope="col">Peer review (scaled to 1-5)</th>
                  <th scope="col"></th>
                </tr>
              </thead>
              <tbody>
                ${e.triangulation.map(
                  (t) =>
                    html`<tr>
                      <td>${PILLARS[t.pillar].number}. ${PILLARS[t.pillar].label}</td>
                      <td>
                        ${t.practitionerMean === null ? 'not enough answers' : t.practitionerMean.toFixed(1)}
                      </td>
                      <td>${t.peerScaled === null ? 'no peer review' : t.peerScaled.toFixed(1)}</td>
                      <td>${t.sourcesDisagree ? html`<strong>Sources disagree</strong>` : ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>
          <section>
            <h2>The practitioners' voice</h2>
            <p>
              Responses: ${p.responses ?? 'fewer than the minimum reporting group'}; participation:
              ${fmtPct(p.participation)}; feeling safe to give honest feedback: ${fmtMean(p.safetyMean)};
              feedback leads to change: ${fmtMean(p.influenceMean)}.
            </p>
            ${
              p.comments.length
                ? html`<h3>What practitioners said</h3>
                    <p class="muted">
                      ${p.comments.length === p.commentsTotal ? `All ${p.commentsTotal} comments` : `A random sample of ${p.comments.length} of ${p.commentsTotal} comments`}, in random order, with
                      contact details removed.
                    </p>
                    ${p.comments.map((c) => html`<blockquote>${c}</blockquote>`)}`
                : html`<p class="muted">
                    Comments are shown only when enough practitioners have responded to protect anonymity.
                  </p>`
            }
          </section>
          <section>
            <h2>You said, we did</h2>
            ${
              e.changesFromFeedback.length
                ? html`<ul>
                    ${e.changesFromFeedback.map((c) => html`<li>${c.date}: ${c.description} <span class="muted">(${PILLARS[c.pillar].label})</span></li>`)}
                  </ul>`
                : html`<p>
                    No change to the model this cycle is recorded as coming from practitioner feedback.
                  </p>`
            }
          </section>
          <section>
            <h2>Recommendations ledger</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Recommendation</th>
                  <th scope="col">Due</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                ${e.recommendations.map(
                  (r) =>
                    html`<tr>
                      <td>${r.text}</td>
                      <td>${r.due}</td>
                      <td>
                        ${r.status}${r.daysOverdue ? html` <strong>(${r.daysOverdue} days overdue)</strong>` : ''}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>
          <section>
            <h2>Method and anonymity</h2>
            <p>
              Ratings follow rubric version ${e.rubricVersion} (config ${e.configHash}). No figure covers
              fewer than ${e.anonymity.k} responses (the trust's minimum reporting group${e.anonymity.raisedByForms ? ", kept at the value in force when this cycle's form opened" : ''}), and groups are hidden in pairs so none can be
              worked out by subtraction. Practitioner comments appear only at whole-trust level, never beside
              a school or role.
            </p>
            <p class="muted">${FRAMEWORK_CREDIT}</p>
          </section>
        </main>
      </body>
    </html> `;
  return body.value;
}
