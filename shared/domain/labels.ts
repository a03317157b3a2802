import type { ActivityType } from './protocol';

/**
 * Indonesian names of the domain's values, for messages officers read (a refusal says
 * "kunjungan rumah", never `home_visit`). The forms and the reports use the same words.
 */
export const ACTIVITY_LABELS: Record<ActivityType, string> = {
  home_visit: 'kunjungan rumah',
  urine_test: 'tes urine',
  group_meeting: 'pertemuan kelompok',
  counseling: 'konseling',
};

export function activityLabel(type: ActivityType): string {
  return ACTIVITY_LABELS[type];
}
