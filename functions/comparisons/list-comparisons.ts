import { listComparisonsRoute } from '../../shared/api/routes/comparisons';
import { apiHandler } from '../../shared/http/handler';
import { listComparisons } from '../../shared/services/report-links';

export const handler = apiHandler(listComparisonsRoute, listComparisons);
