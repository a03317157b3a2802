// Due items (GET /due, GET /periods/{id}/due) in words and as the form that records them.
// Pure, no DOM.
import type { Role } from '../../../shared/domain/actor';
import type { WorklistItem } from '../types';
import { ACTIVITY_LABELS, INSTRUMENT_LABELS, label, PHASE_LABELS } from './labels';
import { canRecordActivity, canRecordAssessment, canRecordGroupMeeting } from './roles';

type DueLike = Pick<WorklistItem, 'type' | 'instrument' | 'phase' | 'enrollmentId'> & { periodId?: string };

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** 'Kunjungan rumah', 'Asesmen URICA (awal)'. */
export function dueStepLabel(item: DueLike): string {
  if (item.type === 'assessment') {
    const phase = item.phase ? ` (${label(PHASE_LABELS, item.phase)})` : '';
    return `Asesmen ${label(INSTRUMENT_LABELS, item.instrument)}${phase}`;
  }
  return capitalize(label(ACTIVITY_LABELS, item.type));
}

/**
 * Where the step is recorded: its form (the assessment with its phase chosen), the period's
 * group meeting form; or, for a role that cannot record it, the enrollment.
 */
export function dueFormHash(item: DueLike, role: Role): string {
  const enrollment = `#/keikutsertaan/${item.enrollmentId}`;
  if (item.type === 'assessment') {
    if (!canRecordAssessment(role) || !item.instrument) return enrollment;
    return `${enrollment}/asesmen/${item.instrument}${item.phase ? `/${item.phase}` : ''}`;
  }
  if (item.type === 'group_meeting') {
    return canRecordGroupMeeting(role) && item.periodId ? `#/periode/${item.periodId}/pertemuan` : enrollment;
  }
  return canRecordActivity(role) ? `${enrollment}/catat/${item.type}` : enrollment;
}
