// One line of text per timeline entry (GET /enrollments/{id}). Pure, no DOM.
// Viewers get records without their free text (topic, counsellor, findings, ...: the server
// removes them, shared/services/enrollments.ts redactForViewer): a missing part is left out,
// never shown as "undefined" or as an empty "Hadir:".
import type { TimelineItem } from '../types';
import { formatNumber } from './format';
import {
  ACTIVITY_LABELS,
  INSTRUMENT_LABELS,
  label,
  OUTCOME_LABELS,
  PHASE_LABELS,
  PRESENT_LABELS,
  RISK_LABELS,
  SUBSTANCE_LABELS,
  URICA_STAGE_LABELS,
  URINE_RESULT_LABELS,
} from './labels';

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function joinDefined(parts: Array<string | undefined | null | false>, sep: string): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(sep);
}

type Record_ = Record<string, unknown>;

function assessmentSummary(item: Record_): string {
  const s = (item.scores ?? {}) as Record_;
  const head = `${label(INSTRUMENT_LABELS, item.instrument)} (${label(PHASE_LABELS, item.phase)})`;
  const domains = s.domains as Record<string, { score0to100?: number } | null> | undefined;
  if (domains) {
    const d = (key: string, word: string) => {
      const score = num(domains[key]?.score0to100);
      return score === undefined ? undefined : `${word} ${formatNumber(score, 0)}`;
    };
    const text = joinDefined(
      [
        d('physical', 'fisik'),
        d('psychological', 'psikologis'),
        d('social', 'sosial'),
        d('environment', 'lingkungan'),
      ],
      ', ',
    );
    return text ? `${head}: ${text}` : head;
  }
  if (str(s.stage)) {
    const readiness = num(s.readiness);
    return `${head}: tahap ${label(URICA_STAGE_LABELS, s.stage)}${readiness === undefined ? '' : `, kesiapan ${formatNumber(readiness)}`}`;
  }
  return head;
}

function homeVisitSummary(item: Record_): string {
  const present = strings(item.present).map((p) => label(PRESENT_LABELS, p));
  const risks = strings(item.riskFactors).map((r) => label(RISK_LABELS, r));
  const support = num(item.familySupport);
  return joinDefined(
    [
      present.length ? `Hadir: ${present.join(', ')}` : undefined,
      support === undefined ? undefined : `Dukungan keluarga ${support}/5`,
      Array.isArray(item.riskFactors)
        ? risks.length
          ? `Risiko: ${risks.join(', ')}`
          : 'Tanpa faktor risiko'
        : undefined,
      str(item.findings),
    ],
    ' · ',
  );
}

function counselingSummary(item: Record_): string {
  const minutes = num(item.durationMinutes);
  const details = joinDefined(
    [minutes === undefined ? undefined : `${minutes} menit`, str(item.counselor)],
    ', ',
  );
  const topic = str(item.topic);
  if (topic) return details ? `${topic} (${details})` : topic;
  return details;
}

/** The entry in words; '' when the viewer's copy has nothing but the type and date. */
export function timelineSummary(entry: TimelineItem): string {
  const item = entry as Record_;
  if (item.kind === 'group_meeting') return str(item.topic) ?? '';
  if (item.kind === 'outcome') return joinDefined([label(OUTCOME_LABELS, item.type), str(item.note)], ': ');
  if (item.kind === 'assessment') return assessmentSummary(item);
  switch (item.type) {
    case 'home_visit':
      return homeVisitSummary(item);
    case 'urine_test':
      return Object.entries((item.results ?? {}) as Record<string, string>)
        .map(([s, r]) => `${label(SUBSTANCE_LABELS, s)}: ${label(URINE_RESULT_LABELS, r)}`)
        .join(', ');
    case 'counseling':
      return counselingSummary(item);
    default:
      return '';
  }
}

export function timelineTitle(entry: TimelineItem): string {
  const item = entry as Record_;
  if (item.kind === 'assessment') return 'Asesmen';
  if (item.kind === 'outcome') return 'Kejadian';
  return label(ACTIVITY_LABELS, item.type ?? item.kind);
}
