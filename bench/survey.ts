/**
 * Survey (X-data) fusion, the pure parts (issue 15, item 5): validation of a survey file and lexicon tagging of
 * its comments, on the demo bank's generated survey (caiban demo export --table surveys), side by side with the
 * peer that shares the language engine: the RM-assistant conversation analyser on the same comments as
 * one-message conversations. Prints one JSON line. Run: nice npx tsx bench/survey.ts [customers]
 */
import { analyzeConversation } from '../src/core/conversation/analyze.js';
import { parseSurveyRows, tagComment } from '../src/core/insight/survey.js';
import { exportGeneratedSurveys } from '../src/demo/survey-export.js';

const customers = Number(process.argv[2] ?? 5000);
const file = exportGeneratedSurveys({ customers, seed: 1 });
const rows = [file.columns, ...file.rows.map((r) => r.map(String))];
const comments = file.rows.map((r) => String(r[file.columns.indexOf('comment')]));

const time = (fn: () => void, reps: number): number => {
  fn(); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) fn();
  return Number(process.hrtime.bigint() - t0) / 1e6 / reps;
};

const known = new Set(file.rows.map((r) => Number(r[0])));
const parseMs = time(() => void parseSurveyRows(rows, { knownCustomer: (id) => known.has(id) }), 5);
const tagMs = time(() => comments.forEach((c) => tagComment(c)), 3);
const peerMs = time(
  () =>
    comments.forEach((c, i) =>
      analyzeConversation({ id: String(i), messages: [{ sender: 'customer', text: c }] }),
    ),
  3,
);
const [load1] = (await import('node:os')).loadavg();
process.stdout.write(
  `${JSON.stringify({
    bench: 'survey',
    customers,
    responses: file.rows.length,
    parse_validate_ms: Number(parseMs.toFixed(2)),
    tag_ms: Number(tagMs.toFixed(2)),
    tag_per_comment_ms: Number((tagMs / comments.length).toFixed(4)),
    peer_conversation_analyze_ms: Number(peerMs.toFixed(2)),
    peer_per_comment_ms: Number((peerMs / comments.length).toFixed(4)),
    load1: Number(load1!.toFixed(2)),
  })}\n`,
);
