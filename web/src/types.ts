// The API's response shapes, inferred from the server's own schemas (shared/api).
import type * as z from 'zod/mini';
import type {
  client,
  comparison,
  dueList,
  enrollment,
  enrollmentDetail,
  enrollmentListItem,
  period,
  worklist,
} from '../../shared/api/schemas';
import type { officer, officerCreated } from '../../shared/api/schemas/officers';

export type Period = z.infer<typeof period>;
export type Client = z.infer<typeof client>;
export type Enrollment = z.infer<typeof enrollment>;
export type EnrollmentListItem = z.infer<typeof enrollmentListItem>;
export type EnrollmentDetail = z.infer<typeof enrollmentDetail>;
export type TimelineItem = EnrollmentDetail['timeline'][number];
export type DueList = z.infer<typeof dueList>;
export type Comparison = z.infer<typeof comparison>;
export type Worklist = z.infer<typeof worklist>;
export type WorklistItem = Worklist['items'][number];
export type Officer = z.infer<typeof officer>;
export type OfficerCreated = z.infer<typeof officerCreated>;
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
