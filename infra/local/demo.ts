import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { documentClient } from '../../shared/aws/dynamodb';
import { s3Client } from '../../shared/aws/s3';
import { seededRandom } from '../../shared/domain/aggregate';
import { addDays, daysBetween } from '../../shared/domain/dates';
import { dayIn } from '../../shared/domain/anonymity';
import { newFormId, type Form } from '../../shared/domain/forms';
import { PILLAR_KEYS, type PillarKey } from '../../shared/domain/pillars';
import { recordResponse } from '../../shared/feedback/submit';
import type { Cycle, TrustConfig } from '../../shared/schemas/config';
import { FormRepository } from '../../shared/store/forms';
import { ResponseRepository } from '../../shared/store/responses';
import { keys, objectKeys } from '../../shared/store/keys';
import { EVIDENCE_KINDS } from '../../shared/domain/evidence';
import { loadStepHandler } from './handlers';
import { Retention } from '../../shared/domain/retention';
import { repoFile } from '../repo-root';

const DEMO_DIR = repoFile('events/imports/demo');
const SEED = 'demo-v1';
/** The example trust's cycle the demo evidence (events/imports/demo) was written for. */
const DEMO_STORY_CYCLE = '2026-autumn';

interface CycleProfile {
  responses: number;
  pillarCentres: Record<PillarKey, number>;
  safety: number;
  influence: number;
}

// Tuned so the demo shows every rating: the earlier cycle is weaker, the current one mixed.
const PROFILES: CycleProfile[] = [
  {
    responses: 130,
    pillarCentres: {
      vision: 3.6,
      capacity: 2.9,
      commitment: 3.4,
      intelligence: 3.1,
      process: 2.8,
      innovation: 2.7,
      assurance: 3.0,
    },
    safety: 3.6,
    influence: 2.9,
  },
  {
    responses: 260,
    pillarCentres: {
      vision: 3.9,
      capacity: 3.2,
      commitment: 3.7,
      intelligence: 3.4,
      process: 3.3,
      innovation: 2.6,
      assurance: 3.3,
    },
    safety: 4.3,
    influence: 3.2,
  },
];

const COMMENTS = [
  'The new self-review template saves me hours each term. More of this please.',
  'Peer review visits feel like inspections. It would help to know what happens to the findings.',
  "I'm not sure who to talk to about the model. Email me on j.bloggs@example.org if you want to discuss.",
  'Coaching from the trust improvement team made a real difference to our reading results.',
  'We are asked for the same data three times in different formats.',
  'I have raised concerns before and nothing changed, so I am not sure this form will either.',
  'The research pilots were great but we never heard the results.',
  'Time for improvement work gets squeezed out by everything else in the summer term.',
  'Leaders listen, and the changes to assessment weeks show it.',
  'More chances to visit other schools in the trust would help us learn from each other.',
  'Call 07700 900123 if you want more detail, happy to help.',
  '<b>Honestly</b> the model is fine, but the paperwork is not.',
  'The coaching cycles are the best part of the model. Please protect them.',
  'I would like clearer success criteria for each improvement project before it starts.',
  'Peer reviewers from other schools brought fresh eyes. It felt supportive, not judgemental.',
  'Nobody asked the support staff what they think, and we deliver a lot of this.',
  'The reading strategy is working in our school; the data shows it and the children can tell.',
  'Too many initiatives at once. Fewer, done well, would be better.',
  'I do not feel able to disagree in trust meetings without it being held against me.',
  'The termly review meetings are much more focused since the template changed.',
  'Could the research summaries be shorter? I rarely have time to read ten pages.',
  'Our school was reviewed twice in one term and not at all the year before.',
  'It is good that this form exists. I hope the board actually reads it.',
  'The model makes sense on paper; in practice it depends on which head you have.',
];

function pick(random: () => number, centre: number): number {
  const noise = (random() + random() + random() - 1.5) * 1.6;
  return Math.min(5, Math.max(1, Math.round(centre + noise)));
}

/**
 * The demo's forms, made directly: each reported cycle's form has closed (yesterday at the latest,
 * so today's demo can show figures worked out from a closed form), and the next cycle's form is
 * open from today, for someone to try the link.
 */
async function demoForm(
  config: TrustConfig,
  forms: FormRepository,
  cycle: Cycle,
  window: { opensOn: string; closesOn: string },
): Promise<Form> {
  const existing = await forms.getForCycle(cycle.id);
  if (existing) return existing;
  const form: Form = {
    formId: newFormId(),
    cycleId: cycle.id,
    ...window,
    anonymity: { ...config.anonymity },
  };
  await forms.create(form);
  return form;
}

export interface DemoResult {
  seeded: boolean;
  cycleId: string;
  formId: string;
}

/**
 * Loads the example trust's demo evidence and responses, once: a marker in the table records that it
 * ran, so a second start changes nothing. Responses go through the same submit use case as the form.
 */
export async function seedDemoOnce(
  config: TrustConfig,
  tableName: string,
  bucket: string,
  today: string,
): Promise<DemoResult> {
  const db = documentClient();
  const retention = Retention.of(config);
  const forms = new FormRepository(db, tableName, retention);
  const cycles = [...config.cycles].sort((a, b) => a.start.localeCompare(b.start));
  // The demo reports on the cycle its evidence files tell the story of (the README walks through it),
  // whatever today is; the next cycle's form is open. An example whose cycles were edited reports on
  // the latest that started before today.
  const yesterday = addDays(today, -1);
  const current =
    cycles.find((c) => c.id === DEMO_STORY_CYCLE) ??
    [...cycles].reverse().find((c) => c.start <= yesterday) ??
    cycles[0]!;
  const next = cycles[cycles.indexOf(current) + 1];
  const marker = await db.send(
    new GetCommand({ TableName: tableName, Key: keys.seedMarker(SEED), ConsistentRead: true }),
  );
  const openForm = next
    ? await demoForm(config, forms, next, {
        opensOn: today,
        closesOn: addDays(today > next.end ? today : next.end, 90),
      })
    : undefined;
  const closedWindow = (c: Cycle) => ({ opensOn: c.start, closesOn: c.end < yesterday ? c.end : yesterday });
  // The link printed: the open form, or (with no cycle after this one) the reported cycle's form.
  const servedFormId = async () => (openForm ?? (await forms.getForCycle(current.id))!).formId;
  if (marker.Item) return { seeded: false, cycleId: current.id, formId: await servedFormId() };

  const s3 = s3Client();
  const files = readdirSync(DEMO_DIR);
  for (const kind of EVIDENCE_KINDS) {
    const file = files.find((f) => f.startsWith(kind));
    if (!file) continue;
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${objectKeys.inboxPrefix(kind)}${file}`,
        Body: readFileSync(join(DEMO_DIR, file)),
      }),
    );
  }

  const demoCycles = cycles.slice(Math.max(0, cycles.indexOf(current) - 1), cycles.indexOf(current) + 1);
  const responses = new ResponseRepository(db, tableName, retention);
  // Comments are dealt from a shuffled deck, so a report does not repeat the same sentence.
  const deck = [...COMMENTS].sort((a, b) => a.localeCompare(b));
  const shuffle = seededRandom(`${SEED}:comments`);
  for (let i = deck.length - 1; i > 0; i--) {
    const j = Math.floor(shuffle() * (i + 1));
    [deck[i], deck[j]] = [deck[j]!, deck[i]!];
  }
  let dealt = 0;
  // Each school answers in proportion to its staff, so none has more responses than its headcount.
  const staff = staffByDivision(config);
  for (const [i, cycle] of demoCycles.entries()) {
    const profile = PROFILES[PROFILES.length - demoCycles.length + i]!;
    const form = await demoForm(config, forms, cycle, closedWindow(cycle));
    const random = seededRandom(`${SEED}:${cycle.id}`);
    const span = Math.max(1, daysBetween(form.opensOn, form.closesOn));
    for (let n = 0; n < profile.responses; n++) {
      const division = pickWeighted(random, staff);
      const body = {
        ratings: Object.fromEntries(
          PILLAR_KEYS.filter(() => random() > 0.08).map((k) => [k, pick(random, profile.pillarCentres[k])]),
        ),
        safety: pick(random, profile.safety),
        influence: random() > 0.05 ? pick(random, profile.influence) : undefined,
        role: random() > 0.2 ? 'delivery' : random() > 0.3 ? 'leadership' : 'undisclosed',
        division: random() > 0.1 ? division : 'undisclosed',
        comment: random() < 0.07 ? deck[dealt++ % deck.length] : undefined,
      };
      const day = new Date(`${addDays(form.opensOn, Math.floor(random() * span))}T12:00:00Z`);
      await recordResponse(form.formId, body, { config, forms, responses, now: () => day });
    }
  }

  // The earlier cycle is judged now, so the current cycle's report has a trend to show.
  const gather = await loadStepHandler('gather');
  await gather({}, {} as Context);
  const evaluate = await loadStepHandler('evaluate');
  for (const cycle of demoCycles.slice(0, -1)) await evaluate({ cycleId: cycle.id }, {} as Context);

  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.seedMarker(SEED), type: 'seed', at: new Date().toISOString() },
    }),
  );
  return { seeded: true, cycleId: current.id, formId: await servedFormId() };
}

export const todayIn = (config: TrustConfig) => dayIn(config.timezone, new Date());

/** The demo headcount per division of the trust, from the demo's headcount file. */
function staffByDivision(config: TrustConfig): [string, number][] {
  const rows = readFileSync(join(DEMO_DIR, 'headcount.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  const staff = new Map<string, number>();
  for (const row of rows) {
    const [division, , count] = row.split(',');
    staff.set(division!, (staff.get(division!) ?? 0) + Number(count));
  }
  return config.divisions.map((d) => [d.id, staff.get(d.id) ?? 1]);
}

function pickWeighted(random: () => number, weights: [string, number][]): string {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let at = random() * total;
  for (const [id, w] of weights) if ((at -= w) < 0) return id;
  return weights.at(-1)![0];
}
