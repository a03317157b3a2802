import type { RouteInput, RouteOutput } from '../api/route';
import type { getImportTemplateRoute } from '../api/routes/imports';
import { XLSX_TYPE } from '../imports/constants';
import { writeWorkbook } from '../imports/workbook';
import type { RequestContext } from './context';

/** GET /imports/template.xlsx: the layout with its example rows and instructions. */
export async function getImportTemplate(
  _input: RouteInput<typeof getImportTemplateRoute>,
  _ctx: RequestContext,
): Promise<RouteOutput<typeof getImportTemplateRoute>> {
  // A fixed date inside the file: the template is the same bytes every time.
  const bytes = await writeWorkbook({}, { template: true, at: new Date('2026-01-01T00:00:00Z') });
  return { fileName: 'templat-impor-pascarehab.xlsx', contentType: XLSX_TYPE, bytes };
}
