import * as z from 'zod/mini';
import { ACTIVITY_TYPES, INSTRUMENTS, PERIOD_STATUSES } from '../../domain/vocabulary';
import { bapasCode, component, doc, intIn, isoDate, isoDateTime, line, ulidId, uniqueArray } from './common';

export const activityType = z.enum(ACTIVITY_TYPES);
export const instrument = z.enum(INSTRUMENTS);

export const protocol = component(
  z.strictObject({
    opening: doc(
      z.array(activityType).check(z.maxLength(20)),
      'Activity types in the order each client must do them first.',
    ),
    cadenceDays: z.optional(
      doc(
        z.partialRecord(activityType, intIn(1, 366)),
        'Days between two activities of a type, for the due list.',
      ),
    ),
  }),
  'Protocol',
);

export const createPeriodBody = component(
  z
    .strictObject({
      name: line(200),
      startDate: isoDate,
      endDate: isoDate,
      capacity: intIn(1, 10_000),
      offices: uniqueArray(bapasCode, { min: 1, max: 50 }, 'Kode kantor tidak boleh berulang.'),
      protocol,
      instruments: uniqueArray(instrument, { max: INSTRUMENTS.length }, 'Instrumen tidak boleh berulang.'),
      historical: z.optional(
        doc(
          z.boolean(),
          'true: a period that has already ended, created to enter its records (admin; kasi for their own office). It stays open for entry until closed by hand.',
        ),
      ),
    })
    .check(
      z.refine((v) => v.startDate <= v.endDate, {
        message: 'Tanggal selesai tidak boleh sebelum tanggal mulai.',
        path: ['endDate'],
      }),
    ),
  'CreatePeriod',
);
export type CreatePeriodBody = z.infer<typeof createPeriodBody>;

export const period = component(
  z.object({
    id: ulidId,
    name: z.string(),
    startDate: isoDate,
    endDate: isoDate,
    capacity: z.int(),
    enrolledCount: doc(z.int(), 'Active and completed enrollments (places taken).'),
    offices: z.array(bapasCode),
    protocol: z.object({
      opening: z.array(activityType),
      cadenceDays: z.partialRecord(activityType, z.int()),
    }),
    instruments: z.array(instrument),
    status: doc(
      z.enum(PERIOD_STATUSES),
      'closed once closed by hand or after the end date; a historical period only when closed by hand.',
    ),
    historical: z.optional(doc(z.boolean(), 'Present (true) for a period created after it ended.')),
    closedAt: z.optional(isoDateTime),
    createdAt: isoDateTime,
  }),
  'Period',
);
export type Period = z.infer<typeof period>;
